package io.stowage.typed.object;

import io.stowage.typed.Ref;

/** What writes references during one object's encoding: it gives each reference's id and notes it. */
interface RefEncoder {

    /** The id to write for {@code ref}; a new target gets one here. */
    String idOf(Ref<?> ref);
}
