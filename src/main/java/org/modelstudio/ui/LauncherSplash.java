package org.modelstudio.ui;

import java.awt.GraphicsEnvironment;
import java.awt.SplashScreen;

/**
 * The splash picture the Java launcher shows before any of our code runs ({@code -splash:FILE} among the
 * installed app's JVM options). It is native and appears within a few hundred milliseconds; the studio
 * closes it once its own window has its first frame. Without a splash (tests, {@code java -jar}) this
 * does nothing and does not touch AWT. A command-line command started through the same launcher closes it at once.
 */
public final class LauncherSplash {
    private LauncherSplash() {}

    public static void close() {
        // The launcher puts the picture's path in this variable when it shows a splash.
        if (System.getenv("_JAVA_SPLASH_FILE") == null || GraphicsEnvironment.isHeadless()) return;
        SplashScreen splash = SplashScreen.getSplashScreen();
        if (splash != null && splash.isVisible()) splash.close();
    }
}
