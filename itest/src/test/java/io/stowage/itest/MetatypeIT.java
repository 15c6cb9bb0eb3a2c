package io.stowage.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.stowage.spi.BackendFactory;

/**
 * Every configuration a Stowage bundle reads has Metatype, so the Web Console and Karaf's {@code config:} commands
 * show a form: every attribute named, described, with a default (or required), enumerations as option lists and
 * passwords typed as passwords. A component or configuration added later without Metatype fails here. The example
 * configuration files the distribution ships are checked against the same definitions.
 */
public class MetatypeIT extends FrameworkProbe {

    private static final String ROUTE_PID = "io.stowage.store";

    /**
     * Attributes without a default, each for a reason: a backend configuration's name comes from its PID when a file
     * leaves it out (a fixed default would make two configurations claim one name), and a route must name its backend.
     */
    private static final Set<String> NO_DEFAULT_BY_DESIGN = Set.of("<backend>/name", ROUTE_PID + "/backend",
            // An index definition names its store, itself and its function: no value would be a sensible default
            "io.stowage.index/store", "io.stowage.index/name", "io.stowage.index/function");

    /** The enumerations: each attribute's values, which the form must offer as options. */
    private static final Map<String, List<String>> ENUMERATIONS = Map.of(
            "<backend>/policy", List.of("latest", "pinned"),
            "io.stowage.lmdb/syncMode", List.of("DURABLE", "NO_META_SYNC", "NO_SYNC"),
            "io.stowage.sql/syncMode", List.of("DURABLE", "NORMAL", "NO_SYNC"),
            "io.stowage.sql/dialect", List.of("", "sqlite", "postgresql"),
            "io.stowage.redis/mode", List.of("standalone", "cluster"),
            "io.stowage.redis/client", List.of("jedis", "lettuce"),
            "io.stowage.redis/tlsVerify", List.of("FULL", "CA", "NONE"));

    /** A commented attribute line of an example file: {@code # key = its default}. */
    private static final Pattern COMMENTED_ATTRIBUTE = Pattern.compile("^#\\s?([A-Za-z][A-Za-z0-9]*) =(.*)$");

    @Inject
    private MetaTypeService metatype;

    /** By PID or factory PID, from every Stowage bundle. */
    private final Map<String, ObjectClassDefinition> definitions = new TreeMap<>();
    private final Set<String> backendPids = new TreeSet<>();

    @Override
    protected StowageFramework framework() {
        // The example extension too: a third party's backend follows the same rules; and the SQL extension, which
        // the distribution ships beside the standard bundles, idle until configured
        return StowageFramework.standard().withBundles("example-extension", "sqlite-jdbc", "storage-sql-bundle");
    }

    @Before
    public void readDefinitions() throws InterruptedException {
        for (Bundle bundle : stowageBundles()) {
            for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs(bundle)) {
                if (component.factoryProperties != null && component.factoryProperties.get(BackendFactory.TYPE) != null) {
                    backendPids.add(String.valueOf(component.factoryProperties.get(BackendFactory.CONFIGURATION_PID)));
                }
            }
        }
        assertEquals("backend types found", Set.of("io.stowage.example", "io.stowage.lmdb", "io.stowage.memory",
                "io.stowage.redis", "io.stowage.sql"), backendPids);
        // The kernel listens for each backend type's configurations once it has seen the extension
        StowageFramework.await("the kernel to listen for every backend type", 10_000,
                () -> configurationListeners().containsAll(backendPids));
        for (Bundle bundle : stowageBundles()) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            for (String pid : concat(information.getPids(), information.getFactoryPids())) {
                definitions.put(pid, information.getObjectClassDefinition(pid, null));
            }
        }
    }

    @Test
    public void everyConfigurationAStowageBundleReadsHasADefinition() {
        Set<String> read = new TreeSet<>(configurationListeners());
        for (Bundle bundle : stowageBundles()) {
            for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs(bundle)) {
                for (String pid : component.configurationPid) {
                    // A component that declares a PID, or needs its configuration, is configured by operators
                    if (!pid.equals(component.name) || "require".equals(component.configurationPolicy)) {
                        read.add(pid);
                    }
                }
            }
        }
        read.addAll(backendPids);
        assertTrue("configurations found: " + read, read.containsAll(Set.of("io.stowage.kernel", ROUTE_PID)));

        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(definitions.keySet());
        assertEquals("configurations read by Stowage bundles without Metatype", Set.of(), missing);
    }

    @Test
    public void everyAttributeIsNamedDescribedAndHasADefault() {
        List<String> faults = new ArrayList<>();
        definitions.forEach((pid, definition) -> {
            if (blank(definition.getName()) || blank(definition.getDescription())) {
                faults.add(pid + ": the definition needs a name and a description");
            }
            for (AttributeDefinition attribute : attributes(definition)) {
                String label = pid + "/" + attribute.getID();
                if (blank(attribute.getName()) || attribute.getName().equals(attribute.getID())) {
                    faults.add(label + ": no name of its own");
                }
                if (blank(attribute.getDescription())) {
                    faults.add(label + ": no description");
                }
                if (attribute.getDefaultValue() == null && !NO_DEFAULT_BY_DESIGN.contains(generic(pid, label))) {
                    faults.add(label + ": no default");
                }
                if (attribute.getDefaultValue() == null && !isRequired(definition, attribute)) {
                    faults.add(label + ": neither a default nor required");
                }
            }
        });
        assertEquals("Metatype faults", List.of(), faults);
    }

    @Test
    public void passwordsAreTypedAsPasswordsAndHaveNoDefault() {
        List<String> faults = new ArrayList<>();
        definitions.forEach((pid, definition) -> {
            for (AttributeDefinition attribute : attributes(definition)) {
                boolean secret = attribute.getID().toLowerCase().matches(".*(password|secret|token|credential).*");
                if (secret && attribute.getType() != AttributeDefinition.PASSWORD) {
                    faults.add(pid + "/" + attribute.getID() + ": not typed as a password");
                }
                if (attribute.getType() == AttributeDefinition.PASSWORD && attribute.getDefaultValue() != null
                        && Arrays.stream(attribute.getDefaultValue()).anyMatch(value -> !value.isEmpty())) {
                    faults.add(pid + "/" + attribute.getID() + ": a password with a default");
                }
            }
        });
        assertEquals(List.of(), faults);
        assertEquals(AttributeDefinition.PASSWORD, attribute("io.stowage.redis", "password").getType());
    }

    @Test
    public void enumerationsOfferTheirValuesAsOptionsAndDefaultToOne() {
        List<String> faults = new ArrayList<>();
        definitions.forEach((pid, definition) -> {
            for (AttributeDefinition attribute : attributes(definition)) {
                String label = pid + "/" + attribute.getID();
                List<String> expected = ENUMERATIONS.get(generic(pid, label));
                List<String> values = attribute.getOptionValues() == null ? List.of()
                        : Arrays.asList(attribute.getOptionValues());
                if (expected != null && !values.equals(expected)) {
                    faults.add(label + ": options " + values + ", expected " + expected);
                }
                if (values.isEmpty()) {
                    continue;
                }
                String[] labels = attribute.getOptionLabels();
                if (labels == null || labels.length != values.size() || Arrays.stream(labels).anyMatch(MetatypeIT::blank)) {
                    faults.add(label + ": every option needs a label");
                }
                if (attribute.getDefaultValue() != null && !values.containsAll(Arrays.asList(attribute.getDefaultValue()))) {
                    faults.add(label + ": default " + Arrays.toString(attribute.getDefaultValue()) + " is no option");
                }
            }
        });
        ENUMERATIONS.keySet().stream().filter(key -> !key.startsWith("<"))
                .forEach(key -> assertNotNull(key, attribute(key.substring(0, key.indexOf('/')),
                        key.substring(key.indexOf('/') + 1))));
        assertEquals(List.of(), faults);
    }

    /** The kernel reads name, version and policy of every backend configuration, whatever its type. */
    @Test
    public void everyBackendTypeOffersNameVersionAndPolicy() {
        for (String pid : backendPids) {
            for (String id : List.of("name", "version", "policy")) {
                assertNotNull(pid + " lacks " + id, attribute(pid, id));
            }
            assertTrue(pid + ": a form must ask for the name",
                    isRequired(definitions.get(pid), attribute(pid, "name")));
        }
    }

    /**
     * Each example file is a configuration of the definition its name designates (etc/PID.cfg, or
     * etc/FACTORYPID-NAME.cfg): every key is an attribute with a valid value, and a backend's example shows every
     * attribute, set or commented out with its default.
     */
    @Test
    public void everyExampleFileIsAValidConfigurationOfItsDefinition() throws IOException {
        Path folder = Path.of(System.getProperty("stowage.examples"));
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.filter(file -> file.toString().endsWith(".cfg")).sorted().toList();
        }
        Set<String> backendsWithExample = new TreeSet<>();
        Set<String> routedTo = new TreeSet<>();
        Set<String> backendNames = new TreeSet<>();
        List<String> faults = new ArrayList<>();
        for (Path file : files) {
            String base = file.getFileName().toString().replaceFirst("\\.cfg$", "");
            int dash = base.indexOf('-');
            String pid = dash < 0 ? base : base.substring(0, dash);
            ObjectClassDefinition definition = definitions.get(pid);
            if (definition == null) {
                faults.add(file.getFileName() + ": no definition for " + pid);
                continue;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> commented = new TreeMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher matcher = COMMENTED_ATTRIBUTE.matcher(line);
                if (matcher.matches()) {
                    commented.put(matcher.group(1), matcher.group(2).trim());
                }
            }
            for (String key : properties.stringPropertyNames()) {
                AttributeDefinition attribute = attributeOf(definition, key);
                String value = properties.getProperty(key);
                String invalid = attribute == null ? "not an attribute" : attribute.validate(value);
                if (invalid != null && !invalid.isEmpty()) {
                    faults.add(file.getFileName() + ": " + key + " = " + value + ": " + invalid);
                }
            }
            for (AttributeDefinition attribute : attributes(definition)) {
                String id = attribute.getID();
                if (properties.containsKey(id)) {
                    continue;
                }
                if (!commented.containsKey(id)) {
                    faults.add(file.getFileName() + ": " + id + " is neither set nor shown commented out");
                } else if (!commented.get(id).equals(String.join(",", defaultOf(attribute)))) {
                    faults.add(file.getFileName() + ": " + id + " is commented out as '" + commented.get(id)
                            + "', but its default is '" + String.join(",", defaultOf(attribute)) + "'");
                }
            }
            if (backendPids.contains(pid)) {
                backendsWithExample.add(pid);
                backendNames.add(properties.getProperty("name", base.substring(dash + 1)));
            } else if (pid.equals(ROUTE_PID)) {
                routedTo.add(properties.getProperty("backend"));
            }
        }
        assertEquals("example faults", List.of(), faults);
        Set<String> shipped = new TreeSet<>(backendPids);
        shipped.remove("io.stowage.example"); // not in the distribution
        assertTrue("a backend type without an example: " + backendsWithExample, backendsWithExample.containsAll(shipped));
        assertEquals("every example backend has an example route to it", backendNames, routedTo);
    }

    private AttributeDefinition attribute(String pid, String id) {
        ObjectClassDefinition definition = definitions.get(pid);
        assertNotNull("no definition for " + pid, definition);
        return attributeOf(definition, id);
    }

    private static AttributeDefinition attributeOf(ObjectClassDefinition definition, String id) {
        return Arrays.stream(attributes(definition)).filter(a -> a.getID().equals(id)).findFirst().orElse(null);
    }

    private static AttributeDefinition[] attributes(ObjectClassDefinition definition) {
        AttributeDefinition[] all = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? new AttributeDefinition[0] : all;
    }

    private static boolean isRequired(ObjectClassDefinition definition, AttributeDefinition attribute) {
        AttributeDefinition[] required = definition.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        return required != null && Arrays.stream(required).anyMatch(a -> a.getID().equals(attribute.getID()));
    }

    private static String[] defaultOf(AttributeDefinition attribute) {
        return attribute.getDefaultValue() == null ? new String[0] : attribute.getDefaultValue();
    }

    /** The label with a backend type's PID replaced by {@code <backend>}, for rules every backend type shares. */
    private String generic(String pid, String label) {
        return backendPids.contains(pid) && !ENUMERATIONS.containsKey(label) ? "<backend>" + label.substring(pid.length())
                : label;
    }

    /** The PIDs of the ManagedService(Factory)s Stowage bundles register: configurations they read. */
    private Set<String> configurationListeners() {
        Set<String> pids = new TreeSet<>();
        for (String type : List.of(ManagedService.class.getName(), ManagedServiceFactory.class.getName())) {
            ServiceReference<?>[] references;
            try {
                references = context.getAllServiceReferences(type, null);
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                if (isStowage(reference.getBundle())) {
                    Object pid = reference.getProperty(Constants.SERVICE_PID);
                    if (pid instanceof String[] several) {
                        pids.addAll(Arrays.asList(several));
                    } else if (pid != null) {
                        pids.add(pid.toString());
                    }
                }
            }
        }
        return pids;
    }

    private List<Bundle> stowageBundles() {
        return Arrays.stream(context.getBundles()).filter(MetatypeIT::isStowage).toList();
    }

    private static boolean isStowage(Bundle bundle) {
        return bundle != null && bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("io.stowage.")
                && !bundle.getSymbolicName().startsWith("io.stowage.thirdparty.");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static List<String> concat(String[] first, String[] second) {
        List<String> all = new ArrayList<>();
        all.addAll(first == null ? List.of() : Arrays.asList(first));
        all.addAll(second == null ? List.of() : Arrays.asList(second));
        return all;
    }
}
