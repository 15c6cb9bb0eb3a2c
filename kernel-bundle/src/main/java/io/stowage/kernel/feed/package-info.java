/**
 * Change feeds: the bounded log of a watched store's committed changes, the pull feeds that read it at their own
 * pace, and the cursors that deliver it to whiteboard listeners. Writers append under the log's lock, so positions
 * follow commit order; when the store's instance keeps a change stream, a {@link io.stowage.kernel.feed.StreamFollower}
 * appends the stream's changes instead, at the stream's positions. Nothing here ever makes a writer wait for a reader.
 */
package io.stowage.kernel.feed;
