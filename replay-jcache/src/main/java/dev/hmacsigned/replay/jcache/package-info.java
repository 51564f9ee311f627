/**
 * A replay store on any JSR-107 cache, shared by the nodes of a cluster when the provider is
 * distributed (Hazelcast in Payara, Infinispan in WildFly): {@link
 * dev.hmacsigned.replay.jcache.JCacheReplayStore}, configured with {@code hmac.replay.store=jcache}
 * through {@link dev.hmacsigned.replay.jcache.JCacheReplayStoreProvider}.
 */
@NullMarked
package dev.hmacsigned.replay.jcache;

import org.jspecify.annotations.NullMarked;
