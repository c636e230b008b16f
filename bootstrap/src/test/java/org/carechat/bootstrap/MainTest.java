package org.carechat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.carechat.bootstrap.config.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's command line as an operator types it: {@code Main} in a process of its own. */
class MainTest {

    /** What a finished process printed on each stream, and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // no CHAT_ variable of the machine running the tests changes what is printed
        builder.environment().keySet().removeIf(name -> name.startsWith("CHAT_"));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Main " + String.join(" ", arguments) + " did not exit within 60 s (it started a server?)");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void help_prints_every_option_and_exits_0_without_starting(String flag) throws Exception {
        Run run = run(flag);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: java -jar carechat.jar");
        for (Option option : Option.values()) {
            assertThat(run.out()).as(option.env()).contains(option.flag(), option.env());
        }
        assertThat(run.out()).doesNotContain("listening");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--prot"})
    void an_unknown_option_still_fails_with_2_and_points_to_help(String flag) throws Exception {
        Run run = run(flag, "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--prot'", "--help");
    }

    @Test
    void the_operations_run_without_a_token_key_and_say_plainly_what_they_refuse(@TempDir Path dir) throws Exception {
        Run nothing = run("migrate", "--data-dir", dir.toString());
        Run noFile = run("backup", "--data-dir", dir.toString());
        Run noStore = run("backup", dir.resolve("copy.db").toString(), "--data-dir", dir.toString());

        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to migrate").doesNotContain("token key");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("backup needs the file to write");
        assertThat(noStore.exitCode()).isEqualTo(2);
        assertThat(noStore.err()).contains("no embedded store to back up");
        assertThat(run("--help").out()).contains("carechat.jar migrate", "carechat.jar backup FILE");
    }
}
