package io.stowage.transform.zstd;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage Zstandard value transform",
        description = "Compresses values with Zstandard where a store's chain names zstd, e.g. transforms = "
                + "zstd(level=3). Values it cannot shrink are stored as they are.")
@interface ZstdTransformConfig {

    @AttributeDefinition(name = "Default level",
            description = "The level of a chain that names zstd without one, from 1 (fastest) to 22 (smallest)",
            min = "1", max = "22")
    int level() default 3;

    @AttributeDefinition(name = "Pooled contexts",
            description = "How many Zstandard contexts (native memory, a few MiB each at high levels) each level and "
                    + "the decoder keep for reuse; more concurrent calls make contexts of their own for the call",
            min = "0")
    int pooledContexts() default 8;
}
