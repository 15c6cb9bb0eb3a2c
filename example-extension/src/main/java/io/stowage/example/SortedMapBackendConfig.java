package io.stowage.example;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Every backend configuration names itself and the extension versions that may serve it; the rest is its own. */
@ObjectClassDefinition(name = "Stowage example backend", description = "A sorted map in memory, per configuration")
@interface SortedMapBackendConfig {

    @AttributeDefinition(name = "Name", description = "The configuration's name, which store routes refer to")
    String name() default "example";

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the example extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";
}
