package io.stowage.transform.lz4;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Stowage LZ4 value transform",
        description = "Compresses values with LZ4 where a store's chain names lz4, e.g. transforms = lz4(level=high). "
                + "Values it cannot shrink are stored as they are.")
@interface Lz4TransformConfig {

    @AttributeDefinition(name = "Default level",
            description = "The level of a chain that names lz4 without one: fast (LZ4's fast compressor), high "
                    + "(LZ4 HC at level 9) or an LZ4 HC level from 1 to 17")
    String level() default "fast";

    @AttributeDefinition(name = "Implementation",
            description = "native: lz4-java's JNI library, which its own bundle extracts to the temp folder once, "
                    + "falling back to pure Java where it cannot load (about 5 times faster on 4 KiB values); java: "
                    + "pure Java only. Both write and read the same format",
            options = {@Option(label = "Native (JNI), else pure Java", value = "native"),
                    @Option(label = "Pure Java", value = "java")})
    String implementation() default "native";
}
