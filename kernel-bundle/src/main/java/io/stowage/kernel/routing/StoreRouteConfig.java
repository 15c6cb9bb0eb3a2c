package io.stowage.kernel.routing;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage store route", factoryPid = StoreRouteConfigurations.FACTORY_PID,
        description = "Sends the stores it matches to a backend configuration; the most specific route wins")
@interface StoreRouteConfig {

    @AttributeDefinition(name = "Namespace", description = "Bundle symbolic name, or * for every namespace")
    String namespace() default "*";

    @AttributeDefinition(name = "Store", description = "Store name, or * for every store of the namespace")
    String store() default "*";

    @AttributeDefinition(name = "Backend", description = "Name of the backend configuration that keeps the stores")
    String backend();
}
