package org.modelstudio.cli;

import java.util.List;
import org.modelstudio.core.i18n.Texts;
import org.modelstudio.core.i18n.Words;

/**
 * The text {@code --help} prints, in the language of the CLI's locale. The commands and options are written here, as
 * they are typed; what each does comes from the cli bundle ({@code cli.help.…}), one key per command, its lines
 * separated by {@code \n} and set in the description column here.
 */
final class Help {
    private Help() {}

    /** The column where descriptions start. */
    private static final int COLUMN = 35;

    private static final String NO_COMMAND = "(no command)";

    /** A command as typed, then the key of what it does ("" for a line of options that continues the command above). */
    private record Entry(String syntax, String key) {}

    private static final List<Entry> COMMANDS = List.of(
            new Entry(NO_COMMAND, "cli.help.window"),
            new Entry("summary  <spec>", "cli.help.summary"),
            new Entry("train    <spec> --out MODEL.zip", "cli.help.train"),
            new Entry("         [--data DIR|FILE.csv] [--label COLUMN] [--task classification|regression] [--text COLUMN]", ""),
            new Entry("         [--epochs N] [--batch N] [--lr X]", ""),
            new Entry("         [--validation F] [--seed N] [--keep last|best] [--l2 X] [--early-stop PATIENCE] [--plateau FACTOR:PATIENCE]", ""),
            new Entry("train    <MODEL.zip|MODEL.h5> --out MORE.zip [...]", "cli.help.train-further"),
            new Entry("evaluate <MODEL.zip> [--data DIR|FILE.csv] [--report FILE.html|FILE.csv]", ""),
            new Entry("", "cli.help.evaluate"),
            new Entry("predict  <MODEL.zip> <FILE>... [--top K]", "cli.help.predict-files"),
            new Entry("predict  <MODEL.zip> --row \"V1,V2,…\" | --text \"SENTENCE\" [--top K]", "cli.help.predict-row"),
            new Entry("predict  <MODEL.zip> --text \"SENTENCE\" --explain", "cli.help.predict-explain-text"),
            new Entry("predict  <MODEL.zip> IMAGE --explain-out MAP.png", "cli.help.predict-explain-image"),
            new Entry("export   <spec> --java|--keras [--out FILE]", "cli.help.export-code"),
            new Entry("export   <MODEL.zip> --onnx OUT.onnx", "cli.help.export-onnx"),
            new Entry("export   <MODEL.zip> --keras OUT.h5", "cli.help.export-keras"),
            new Entry("export   <MODEL.zip> --triton REPOSITORY [--name NAME]", "cli.help.export-triton"),
            new Entry("import   <MODEL.h5> --out MODEL.zip [--input image:HxWxC|features:N|tokens:N] [--pixels 0..1|0..255]", ""),
            new Entry("         [--labels FILE]", "cli.help.import"),
            new Entry("export   <MODEL.zip> --compact fp16|int8 --out SMALL.zip [--onnx OUT.onnx] [--data DIR|FILE.csv]", ""),
            new Entry("", "cli.help.export-compact"),
            new Entry("serve    <MODEL.zip>... [--name NAME] [--port P] [--bind ADDR] [--token T | --token-file F]", ""),
            new Entry("         [--max-body BYTES] [--max-batch N] [--max-queue N] [--allow-origin ORIGIN]", ""),
            new Entry("", "cli.help.serve"),
            new Entry("bench    [--quick]", "cli.help.bench"),
            new Entry("bench    --serve [--seconds S]", "cli.help.bench-serve"),
            new Entry("bench    --peer [--epochs E] [--rounds R]", "cli.help.bench-peer"),
            new Entry("bench    --to-accuracy [--target A]", "cli.help.bench-accuracy"),
            new Entry("bench    --stream N [--epochs E]", "cli.help.bench-stream"),
            new Entry("bench    --folder N [--train]", "cli.help.bench-folder"),
            new Entry("bench-live [--images N] [--rounds R]", "cli.help.bench-live"),
            new Entry("bench-predict [--drops N] [--batch N] [--rounds R] [--model MODEL.zip]", "cli.help.bench-predict"),
            new Entry("help", "cli.help.help"));

    /** The notes after the commands, one paragraph each; their lines after the first are indented by two spaces. */
    private static final List<String> NOTES = List.of("cli.help.note.spec", "cli.help.note.data", "cli.help.note.table",
            "cli.help.note.regression", "cli.help.note.texts", "cli.help.note.validation", "cli.help.note.keep", "cli.help.note.l2",
            "cli.help.note.early-stop", "cli.help.note.plateau");

    static String text() {
        StringBuilder b = new StringBuilder();
        b.append(Texts.get("cli.help.title")).append("\n\n");
        b.append(Texts.get("cli.help.usage", "java -jar model-studio.jar [command] [arguments]")).append('\n');
        for (Entry e : COMMANDS) {
            String syntax = "  " + (e.syntax().equals(NO_COMMAND) ? Texts.get("cli.help.no-command") : e.syntax());
            List<String> lines = e.key().isEmpty() ? List.of() : Texts.get(e.key()).lines().toList();
            if (lines.isEmpty()) {
                b.append(syntax).append('\n');
                continue;
            }
            int first = 0;
            if (Words.width(syntax) < COLUMN - 1) {
                b.append(Words.pad(syntax, COLUMN)).append(lines.get(0)).append('\n');
                first = 1;
            } else if (!e.syntax().isEmpty()) {
                // a long command line: its description follows it after two spaces, its other lines in the column
                b.append(syntax).append("  ").append(lines.get(0)).append('\n');
                first = 1;
            }
            for (int i = first; i < lines.size(); i++) b.append(" ".repeat(COLUMN)).append(lines.get(i)).append('\n');
        }
        b.append('\n');
        for (String note : NOTES) {
            List<String> lines = Texts.get(note).lines().toList();
            b.append(lines.get(0)).append('\n');
            for (int i = 1; i < lines.size(); i++) b.append("  ").append(lines.get(i)).append('\n');
        }
        b.append('\n').append(Texts.get("cli.help.exit-codes")).append('\n');
        return b.toString();
    }
}
