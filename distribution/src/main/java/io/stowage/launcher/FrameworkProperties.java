package io.stowage.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The properties the framework starts with: {@code conf/config.properties} with {@code ${stowage.home}} and
 * {@code ${stowage.data}} filled in, overridden by the ones that tie the runtime to its folders and mode.
 */
final class FrameworkProperties {

    /**
     * Gogo's shell runs no console session with these, so only the launcher's script touches the console. (Gogo's JLine
     * shell knows no {@code --quiet}, and would end on it before its profile with a usage error on stderr.)
     */
    static final String SCRIPT_MODE_GOSH_ARGS = "--nointeractive --noshutdown";

    private FrameworkProperties() {
    }

    static Map<String, String> of(LauncherOptions options) throws StartupFailure {
        Map<String, String> properties = new HashMap<>();
        for (Map.Entry<Object, Object> entry : load(options).entrySet()) {
            properties.put((String) entry.getKey(), substitute((String) entry.getValue(), options));
        }
        properties.putAll(launcherProperties(options));
        return properties;
    }

    static Map<String, String> launcherProperties(LauncherOptions options) {
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", options.dataDir().resolve("cache").toString());
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        properties.put("felix.fileinstall.dir", options.configurationDir().toString());
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.log.level", "2");
        // FileInstall writes a configuration back to its file on every update, its own initial one included, by
        // truncating the file first: a runtime that ends meanwhile (a short -c run, kill -9) left etc/ files empty.
        // etc/ is the operator's: FileInstall reads it and never writes it
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // etc/examples/ and any other subfolder hold files to copy, not configurations to apply
        properties.put("felix.fileinstall.subdir.mode", "skip");
        properties.put("stowage.data", options.dataDir().toString());
        if (!options.interactive()) {
            properties.put("gosh.args", SCRIPT_MODE_GOSH_ARGS);
        }
        return properties;
    }

    private static Properties load(LauncherOptions options) throws StartupFailure {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(options.configFile(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StartupFailure("cannot read " + options.configFile() + ": " + e, e);
        }
        return properties;
    }

    private static String substitute(String value, LauncherOptions options) {
        return value.replace("${stowage.home}", options.home().toString())
                .replace("${stowage.data}", options.dataDir().toString());
    }
}
