package org.carechat.bootstrap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogManager;
import org.carechat.bootstrap.commands.Backup;
import org.carechat.bootstrap.commands.Migrate;
import org.carechat.bootstrap.config.ConfigException;
import org.carechat.bootstrap.config.ServerConfig;
import org.carechat.bootstrap.config.Usage;
import org.carechat.bootstrap.server.CareChatServer;
import org.carechat.bootstrap.server.WarmUp;

/**
 * Runs the standalone server: reads the configuration once (environment variables, each also a flag),
 * starts, and stops gracefully on SIGTERM. {@code --help} prints the options and exits.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Usage.requested(Arrays.asList(args))) {
            System.out.print(Usage.text());
            return;
        }
        if (args.length > 0 && (args[0].equals("migrate") || args[0].equals("backup"))) {
            System.exit(command(args));
            return;
        }
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        ServerConfig config;
        try {
            config = ServerConfig.load(System.getenv(), Arrays.asList(args));
        } catch (ConfigException e) {
            System.err.println("carechat: " + e.getMessage());
            System.exit(2);
            return;
        }
        AtomicReference<CareChatServer> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CareChatServer server = running.get();
            if (server != null) {
                server.close();
            }
            stopped.countDown();
            if (LogManager.getLogManager() instanceof ShutdownLogManager logs) {
                logs.finish();
            }
        }, "carechat-shutdown"));
        try {
            WarmUp.run(config.warmup());
            CareChatServer.Builder server = CareChatServer.builder(config);
            if (config.demo()) {
                server.demoPeople(jwt -> Demo.people(jwt, java.time.Clock.systemUTC()));
            }
            running.set(server.start());
        } catch (ConfigException e) {
            System.err.println("carechat: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.demo()) {
            Demo.seed(running.get().core());
            Demo.print(running.get(), System.out);
        }
        stopped.await();
    }

    /** {@code migrate [flags]} and {@code backup FILE [flags]}: the operations that run instead of the server. */
    private static int command(String[] args) {
        boolean backup = args[0].equals("backup");
        if (backup && (args.length < 2 || args[1].startsWith("--"))) {
            System.err.println("carechat: backup needs the file to write: java -jar carechat.jar backup FILE [--data-dir DIR]");
            return 2;
        }
        int flagsFrom = backup ? 2 : 1;
        ServerConfig config;
        try {
            config = ServerConfig.loadForOperations(System.getenv(), Arrays.asList(args).subList(flagsFrom, args.length));
        } catch (ConfigException e) {
            System.err.println("carechat: " + e.getMessage());
            return 2;
        }
        return backup ? Backup.run(config, Path.of(args[1]), System.out, System.err)
                : Migrate.run(config, System.out, System.err);
    }
}
