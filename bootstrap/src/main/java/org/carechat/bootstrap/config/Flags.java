package org.carechat.bootstrap.config;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Command-line flags: {@code --jwt-secret=value}, {@code --jwt-secret value}, and {@code --demo} alone. */
final class Flags {
    private Flags() {
    }

    static Map<Option, String> parse(List<String> arguments) {
        Map<Option, String> values = new EnumMap<>(Option.class);
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            Option option = byFlag(name);
            if (option == null) {
                throw new ConfigException("unknown option '" + name + "'; --help lists the options "
                        + "(each CHAT_X variable is also the flag --x)");
            }
            if (argument.contains("=")) {
                values.put(option, argument.substring(argument.indexOf('=') + 1));
            } else if (option == Option.DEMO) {
                values.put(option, "true");
            } else if (i + 1 < arguments.size()) {
                values.put(option, arguments.get(++i));
            } else {
                throw new ConfigException(name + " needs a value");
            }
        }
        return values;
    }

    private static Option byFlag(String flag) {
        for (Option option : Option.values()) {
            if (option.flag().equals(flag)) {
                return option;
            }
        }
        return null;
    }
}
