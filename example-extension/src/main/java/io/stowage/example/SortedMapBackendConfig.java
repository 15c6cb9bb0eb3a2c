package io.stowage.example;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Every backend configuration names itself and the extension versions that may serve it; the rest is its own. */
@ObjectClassDefinition(name = "Stowage example backend", description = "A sorted map in memory, per configuration")
@interface SortedMapBackendConfig {

    @AttributeDefinition(name = "Name",
            description = "What store routes, the kernel's default backend and the stowage: commands call this "
                    + "configuration. A file may leave it out: etc/io.stowage.example-demo.cfg is named demo")
    String name();

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the example extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    /** Read by the kernel, not by the backend; declared so that forms offer it. */
    @AttributeDefinition(name = "Version policy",
            description = "latest: move to the highest version in range as soon as it is installed; pinned: keep the "
                    + "serving version while it is installed, until an operator moves it (stowage:move)",
            options = {@Option(label = "Follow latest", value = "latest"), @Option(label = "Pinned", value = "pinned")})
    String policy() default "latest";
}
