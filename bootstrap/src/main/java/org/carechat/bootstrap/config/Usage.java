package org.carechat.bootstrap.config;

import java.util.List;
import java.util.Locale;

/** What {@code --help} (or {@code -h}) prints: every {@link Option} with its flag, variable, default and meaning. */
public final class Usage {
    private Usage() {
    }

    /** Whether the command line asks for help, anywhere among its arguments. */
    public static boolean requested(List<String> arguments) {
        return arguments.contains("--help") || arguments.contains("-h");
    }

    public static String text() {
        StringBuilder out = new StringBuilder(8192);
        out.append("Usage: java -jar carechat.jar [--option value | --option=value]...\n")
                .append("       java -jar carechat.jar migrate [--data-dir DIR]     (server stopped)\n")
                .append("       java -jar carechat.jar backup FILE [--data-dir DIR] (server running or not)\n\n")
                .append("Starts the CareChat server. Each option is also an environment variable (the flag wins);\n")
                .append("--demo alone means --demo=true. -h, --help: print this and exit.\n")
                .append("migrate: moves a data directory of the previous embedded store (carechat.mv) into the current\n")
                .append("one (carechat.db), keeping the old file. backup: copies the embedded store to FILE, consistent\n")
                .append("as of when the copy began; restore by starting on a data directory whose carechat.db is FILE.\n\n");
        for (Option option : Option.values()) {
            out.append("  ").append(option.flag()).append(option == Option.DEMO ? "" : " " + placeholder(option))
                    .append("    ").append(option.env())
                    .append(", default: ").append(option.defaultValue() == null || option.defaultValue().isEmpty()
                            ? "(none)" : option.defaultValue())
                    .append('\n')
                    .append("      ").append(option.description().replace("`", "")).append('\n');
        }
        return out.toString();
    }

    private static String placeholder(Option option) {
        return "<" + option.name().toLowerCase(Locale.ROOT).replace('_', '-') + ">";
    }
}
