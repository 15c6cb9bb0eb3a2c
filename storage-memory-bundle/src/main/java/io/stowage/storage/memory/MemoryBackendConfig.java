package io.stowage.storage.memory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage memory backend",
        description = "An in-memory storage backend instance. Its data is lost when the instance ends.")
@interface MemoryBackendConfig {

    @AttributeDefinition(name = "Name", description = "The configuration's name, which store routes refer to")
    String name() default "default";

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the memory extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    @AttributeDefinition(name = "Maximum keys",
            description = "Writes that would add a key past this many are refused with a 'storage full' error")
    long maxKeys() default 10_000_000L;
}
