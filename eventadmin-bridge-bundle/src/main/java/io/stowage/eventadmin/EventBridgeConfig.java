package io.stowage.eventadmin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Stowage Event Admin bridge",
        description = "Posts the committed changes of the stores named here as OSGi events, on the topic "
                + "io/stowage/store/<namespace with dots as slashes>")
@interface EventBridgeConfig {

    @AttributeDefinition(name = "Stores", description = "The stores to follow, as namespace/store; either part may be "
            + "a glob of * and ?, e.g. com.example.app/orders or com.example.app/*. Each store followed has a thread.")
    String[] stores();

    @AttributeDefinition(name = "Values", description = "Whether a put's event carries the value written (property "
            + "'value', a byte[]). Every event handler of the framework can read it: leave it off for stores whose "
            + "values not every bundle may see.")
    boolean values() default false;
}
