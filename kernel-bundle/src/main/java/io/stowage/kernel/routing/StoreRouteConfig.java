package io.stowage.kernel.routing;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.stowage.kernel.transform.TransformChain;

@ObjectClassDefinition(name = "Stowage store route", factoryPid = StoreRouteConfigurations.FACTORY_PID,
        description = "Sends the stores it matches to a backend configuration; the most specific route wins")
@interface StoreRouteConfig {

    @AttributeDefinition(name = "Namespace", description = "Bundle symbolic name, or * for every namespace")
    String namespace() default "*";

    @AttributeDefinition(name = "Store", description = "Store name, or * for every store of the namespace")
    String store() default "*";

    @AttributeDefinition(name = "Backend", description = "Name of the backend configuration that keeps the stores")
    String backend();

    @AttributeDefinition(name = "Transforms", required = false, description = "Value transforms new writes go "
            + "through, in order, e.g. zstd(level=3), aes-gcm(key=main); empty for none. Reads follow each value's "
            + "own header. If this does not parse, the stores refuse writes until it is fixed")
    String transforms() default "";

    @AttributeDefinition(name = "Transform minimum size", min = "0", description = "Values shorter than this many "
            + "bytes skip the chain's compressions, whose frame outweighs what short values gain; every other step "
            + "(an encryption) applies to every value, however short")
    int transformMinSize() default TransformChain.DEFAULT_MIN_SIZE;
}
