package io.stowage.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line asks for: where the runtime is installed, which data folder it owns, and the scripts to run
 * (none means the interactive shell).
 */
record LauncherOptions(Path home, Path dataDir, List<ScriptSource> scripts, boolean help) {

    static final String USAGE = "stowage [--data DIR] [--script FILE | -c COMMAND]...";

    static final String HELP = """
            Usage: %s

              --data DIR       the data folder this runtime owns (default: <install>/data)
              --script FILE    run the Gogo commands in FILE, one per line; '-' reads standard input
              -c COMMAND       run one Gogo command
              -h, --help       print this help

            Without --script or -c the Gogo shell prompt (g!) opens; leave it with 'stop 0' or Ctrl-D.
            Scripts run in the order given; the first failing command ends the run.
            Exit status: 0 all commands succeeded, 1 a command failed, 2 the runtime did not start.
            """.formatted(USAGE);

    LauncherOptions {
        scripts = List.copyOf(scripts);
    }

    /**
     * @param home the install folder, from the {@code stowage.home} system property that {@code bin/stowage} sets
     * @throws IllegalArgumentException if the arguments do not fit the usage; the message says which one
     */
    static LauncherOptions parse(String[] args, String home) {
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("the system property stowage.home is not set; start through bin/stowage");
        }
        Path homeDir = Path.of(home).toAbsolutePath().normalize();
        Path dataDir = homeDir.resolve("data");
        List<ScriptSource> scripts = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data" -> dataDir = Path.of(valueOf(args, ++i, arg)).toAbsolutePath().normalize();
                case "--script" -> scripts.add(readableScript(valueOf(args, ++i, arg)));
                case "-c" -> scripts.add(ScriptSource.command(valueOf(args, ++i, arg)));
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new LauncherOptions(homeDir, dataDir, scripts, help);
    }

    boolean interactive() {
        return scripts.isEmpty();
    }

    Path bundleDir() {
        return home.resolve("bundle");
    }

    Path configFile() {
        return home.resolve("conf").resolve("config.properties");
    }

    /** The folder FileInstall watches for configuration files. */
    Path configurationDir() {
        return home.resolve("etc");
    }

    private static String valueOf(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    // Checked before the runtime starts, so a typo costs no startup time and is a usage error (status 2).
    private static ScriptSource readableScript(String argument) {
        ScriptSource source = ScriptSource.script(argument);
        if (source.kind() == ScriptSource.Kind.FILE && !Files.isReadable(Path.of(argument))) {
            throw new IllegalArgumentException("cannot read script file " + argument);
        }
        return source;
    }
}
