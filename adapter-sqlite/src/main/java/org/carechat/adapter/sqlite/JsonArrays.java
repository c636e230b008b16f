package org.carechat.adapter.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists of strings, and lists of such lists, as JSON text in one column: an audit entry's targets in their order
 * ({@code ["conversation:c_1","message:m_9"]}), a message's reactions in theirs, each an emoji followed by who
 * reacted ({@code [["👍","d1","p1"],["❤️","n1"]]}). JSON, so that the {@code sqlite3} shell shows them plainly and
 * SQLite's own {@code json_each} can read them; written and read here, because these two shapes are all the
 * adapter stores this way.
 */
final class JsonArrays {
    private JsonArrays() {
    }

    static String strings(List<String> values) {
        StringBuilder json = new StringBuilder(16 * values.size() + 2);
        appendStrings(json, values);
        return json.toString();
    }

    static String nested(List<List<String>> lists) {
        StringBuilder json = new StringBuilder(32 * lists.size() + 2).append('[');
        for (int i = 0; i < lists.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendStrings(json, lists.get(i));
        }
        return json.append(']').toString();
    }

    static List<String> readStrings(String json) {
        Reader reader = new Reader(json);
        List<String> values = reader.strings();
        reader.end();
        return values;
    }

    static List<List<String>> readNested(String json) {
        Reader reader = new Reader(json);
        List<List<String>> lists = new ArrayList<>();
        reader.expect('[');
        if (!reader.skipIf(']')) {
            do {
                lists.add(reader.strings());
            } while (reader.skipIf(','));
            reader.expect(']');
        }
        reader.end();
        return lists;
    }

    private static void appendStrings(StringBuilder json, List<String> values) {
        json.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            appendString(json, values.get(i));
        }
        json.append(']');
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Reads exactly what the writers above write (and any JSON of the same shape, whitespace and escapes included). */
    private static final class Reader {
        private final String json;
        private int at;

        Reader(String json) {
            this.json = json;
        }

        List<String> strings() {
            List<String> values = new ArrayList<>();
            expect('[');
            if (!skipIf(']')) {
                do {
                    values.add(string());
                } while (skipIf(','));
                expect(']');
            }
            return values;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (at + 4 > json.length()) {
                            throw malformed();
                        }
                        try {
                            value.append((char) Integer.parseInt(json.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw malformed();
                        }
                        at += 4;
                    }
                    default -> throw malformed();
                }
            }
        }

        void expect(char expected) {
            skipWhitespace();
            if (next() != expected) {
                throw malformed();
            }
        }

        boolean skipIf(char candidate) {
            skipWhitespace();
            if (at < json.length() && json.charAt(at) == candidate) {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            skipWhitespace();
            if (at != json.length()) {
                throw malformed();
            }
        }

        private char next() {
            if (at >= json.length()) {
                throw malformed();
            }
            return json.charAt(at++);
        }

        private void skipWhitespace() {
            while (at < json.length() && Character.isWhitespace(json.charAt(at))) {
                at++;
            }
        }

        private IllegalStateException malformed() {
            // the position only: the text may hold an emoji or an id, never worth a log line
            return new IllegalStateException("a stored list is not the JSON it should be (at character " + at + ")");
        }
    }
}
