package io.stowage.index.json;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage JSON index function",
        description = "Computes index keys from fields of JSON values, for indexes whose function is json, e.g. "
                + "function = json(pointer=/email, lowercase=true)")
@interface JsonIndexConfig {

    @AttributeDefinition(name = "Most keys per value", min = "1", description = "The most index keys one value may "
            + "give (the elements of an array field); a write of a value that gives more is refused")
    int maxKeysPerValue() default 64;

    @AttributeDefinition(name = "Refuse values that are not JSON", description = "Refuse a write to an indexed store "
            + "whose value does not parse as JSON; otherwise such a value is indexed under no key")
    boolean refuseInvalidJson() default false;
}
