package org.modelstudio.server;

import org.modelstudio.core.infer.ModelSignature;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Programs that call a served model, ready to copy: curl, Python with {@code requests}, JavaScript with {@code fetch}
 * (Node 18+) and Java with {@code HttpClient}. Each sends the model's raw input (an image file, a text or a CSV row)
 * and prints the answer. The studio shows them, docs/serving.md quotes them, and a test runs them against a real server.
 *
 * @param url    the model's address, {@code http://127.0.0.1:8080/v2/models/NAME}
 * @param token  the bearer token, or null
 * @param sample what to send: an image file's path, a text, or a CSV row of the model's columns
 */
public record ClientExamples(URI url, ModelSignature signature, String token, String sample) {

    public enum Language {
        CURL("curl"), PYTHON("Python"), JAVASCRIPT("JavaScript"), JAVA("Java");

        private final String title;

        Language(String title) { this.title = title; }

        public String title() { return title; }
    }

    public String example(Language language) {
        return switch (language) {
            case CURL -> curl();
            case PYTHON -> python();
            case JAVASCRIPT -> javascript();
            case JAVA -> java();
        };
    }

    public List<Language> languages() { return List.of(Language.values()); }

    private boolean image() { return signature.kind() == ModelSignature.Kind.IMAGE; }

    /** The raw input's content type for /classify. */
    private String contentType() {
        return switch (signature.kind()) {
            case IMAGE -> sample.toLowerCase(Locale.ROOT).endsWith(".jpg") || sample.toLowerCase(Locale.ROOT).endsWith(".jpeg")
                    ? "image/jpeg" : "image/png";
            case TABLE -> "text/csv";
            default -> "text/plain";
        };
    }

    private String curl() {
        String auth = token == null ? "" : " -H 'Authorization: Bearer " + token + "'";
        String body = image() ? "--data-binary @" + shellQuote(sample) : "--data-binary " + shellQuote(sample);
        return "curl " + body + " -H 'Content-Type: " + contentType() + "'" + auth + " " + url + "/classify\n";
    }

    private String python() {
        String auth = token == null ? "" : ",\n                  headers={\"Authorization\": \"Bearer " + token + "\"}";
        String input = switch (signature.kind()) {
            case IMAGE -> "with open(" + pyString(sample) + ", \"rb\") as f:\n    data = [base64.b64encode(f.read()).decode()]\n";
            default -> "data = [" + pyString(sample) + "]\n";
        };
        String name = TensorBinding.rawName(signature);
        String output = signature.regression() ? "value" : "label";
        return "import base64\nimport requests\n\n" + input
                + "request = {\"inputs\": [{\"name\": \"" + name + "\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": data}]}\n"
                + "r = requests.post(\"" + url + "/infer\", json=request" + auth + ")\n"
                + "r.raise_for_status()\n"
                + "outputs = {o[\"name\"]: o[\"data\"] for o in r.json()[\"outputs\"]}\n"
                + "print(outputs[\"" + output + "\"][0])\n";
    }

    private String javascript() {
        String auth = token == null ? "" : ", \"Authorization\": \"Bearer " + token + "\"";
        String input = image()
                ? "import { readFile } from \"node:fs/promises\";\n\nconst data = [(await readFile(" + jsString(sample) + ")).toString(\"base64\")];\n"
                : "const data = [" + jsString(sample) + "];\n";
        String name = TensorBinding.rawName(signature);
        String output = signature.regression() ? "value" : "label";
        return input
                + "const response = await fetch(\"" + url + "/infer\", {\n"
                + "  method: \"POST\",\n"
                + "  headers: { \"Content-Type\": \"application/json\"" + auth + " },\n"
                + "  body: JSON.stringify({ inputs: [{ name: \"" + name + "\", shape: [1], datatype: \"BYTES\", data }] }),\n"
                + "});\n"
                + "if (!response.ok) throw new Error((await response.json()).error);\n"
                + "const { outputs } = await response.json();\n"
                + "console.log(outputs.find((o) => o.name === \"" + output + "\").data[0]);\n";
    }

    private String java() {
        String body = image() ? "HttpRequest.BodyPublishers.ofFile(Path.of(" + jsString(sample) + "))"
                : "HttpRequest.BodyPublishers.ofString(" + jsString(sample) + ")";
        String auth = token == null ? "" : "\n                .header(\"Authorization\", \"Bearer " + token + "\")";
        return "import java.net.URI;\n"
                + "import java.net.http.HttpClient;\n"
                + "import java.net.http.HttpRequest;\n"
                + "import java.net.http.HttpResponse;\n"
                + (image() ? "import java.nio.file.Path;\n" : "")
                + "\n"
                + "public class Classify {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + "        HttpRequest request = HttpRequest.newBuilder(URI.create(\"" + url + "/classify\"))\n"
                + "                .header(\"Content-Type\", \"" + contentType() + "\")" + auth + "\n"
                + "                .POST(" + body + ")\n"
                + "                .build();\n"
                + "        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());\n"
                + "        System.out.println(response.statusCode() + \" \" + response.body());\n"
                + "    }\n"
                + "}\n";
    }

    /** A word for the shell, quoted only when it needs to be. */
    private static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:@%+=,-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String pyString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String jsString(String s) {
        return pyString(s);
    }
}
