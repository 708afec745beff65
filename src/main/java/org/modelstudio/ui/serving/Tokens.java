package org.modelstudio.ui.serving;

import java.security.SecureRandom;
import java.util.Base64;

/** Bearer tokens for the server: 24 random bytes from {@link SecureRandom}, URL-safe Base64 without padding (32 characters). */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
