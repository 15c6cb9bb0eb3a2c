package io.stowage.transform.aesgcm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the keys are. The keystore's password is never an attribute: only where to read it is. */
@ObjectClassDefinition(name = "Stowage AES-GCM value transform",
        description = "Encrypts values with AES-256-GCM where a store's chain names aes-gcm(key=<alias>), with the "
                + "secret keys of a PKCS12 keystore. Values encrypted with a key are lost if the key is.")
@interface AesGcmTransformConfig {

    @AttributeDefinition(name = "Keystore",
            description = "Path of the PKCS12 keystore holding the AES-256 secret keys, by alias (relative paths "
                    + "are resolved against the folder the runtime was started in)")
    String keystore();

    @AttributeDefinition(name = "Password file",
            description = "Path of a file holding the keystore's password on its first line (readable by the runtime "
                    + "only); leave empty to read it from the environment variable below instead",
            required = false)
    String passwordFile() default "";

    @AttributeDefinition(name = "Password environment variable",
            description = "Name of the environment variable holding the keystore's password, when no password file "
                    + "is named",
            required = false)
    String passwordEnv() default "";
}
