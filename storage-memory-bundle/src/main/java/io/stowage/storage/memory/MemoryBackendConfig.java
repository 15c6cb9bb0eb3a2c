package io.stowage.storage.memory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Stowage memory backend",
        description = "An in-memory storage backend instance. The kernel hands its data over to the next instance "
                + "when the extension is updated or switched; it is lost when the runtime stops.")
@interface MemoryBackendConfig {

    @AttributeDefinition(name = "Name",
            description = "What store routes, the kernel's default backend and the stowage: commands call this "
                    + "configuration. A file may leave it out: etc/io.stowage.memory-cache.cfg is named cache")
    String name();

    @AttributeDefinition(name = "Version range",
            description = "Which versions of the memory extension may serve this configuration (OSGi version range)")
    String version() default "0.0.0";

    @AttributeDefinition(name = "Version policy",
            description = "latest: move to the highest version in range as soon as it is installed; pinned: keep the "
                    + "serving version while it is installed, until an operator moves it (stowage:move)",
            options = {@Option(label = "Follow latest", value = "latest"), @Option(label = "Pinned", value = "pinned")})
    String policy() default "latest";

    @AttributeDefinition(name = "Maximum keys",
            description = "Writes that would add a key past this many are refused with a 'storage full' error; "
                    + "the kernel's metadata counts too (two keys, and one per store name used)")
    long maxKeys() default 10_000_000L;
}
