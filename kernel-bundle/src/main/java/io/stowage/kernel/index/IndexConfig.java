package io.stowage.kernel.index;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage secondary index", factoryPid = IndexConfigurations.FACTORY_PID,
        description = "An index of one store: its keys by the index keys an index function computes from their "
                + "values, kept in the same atomic write as the values")
@interface IndexConfig {

    @AttributeDefinition(name = "Store", description = "The indexed store, as namespace/store")
    String store();

    @AttributeDefinition(name = "Name", description = "The index's name within the store: 1 to 64 lower-case "
            + "letters, digits, '-', '_' or '.'")
    String name();

    @AttributeDefinition(name = "Function", description = "The index function and its parameters, e.g. "
            + "json(pointer=/email); its extension must be installed")
    String function();

    @AttributeDefinition(name = "Unique", description = "Refuse a write that gives an index key to a second key")
    boolean unique() default false;
}
