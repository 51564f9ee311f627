package dev.hmacsigned.replay.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.hmacsigned.core.HmacConfig;
import dev.hmacsigned.core.HmacConfigurationException;
import dev.hmacsigned.core.ReplayStore;
import dev.hmacsigned.core.ReplayStoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The store on a real cluster of two embedded Hazelcast members in this JVM (TCP-IP join on
 * 127.0.0.1, no multicast), each with its own JCache manager: a nonce recorded through one member
 * is a replay through the other, also after the first member has left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JCacheReplayStoreTest {
  private static final String PROVIDER = HazelcastCachingProvider.class.getName();

  private static HazelcastInstance member1;
  private static HazelcastInstance member2;
  private static CachingProvider provider;
  private static CachingProvider provider2;
  private static CacheManager manager1;
  private static CacheManager manager2;

  @BeforeAll
  static void startCluster() throws IOException {
    System.setProperty("hazelcast.jcache.provider.type", "member");
    String cluster = "hmac-replay-" + UUID.randomUUID();
    int port1 = freePort();
    int port2 = freePort();
    member1 = Hazelcast.newHazelcastInstance(config(cluster, "member-1", port1, port2));
    member2 = Hazelcast.newHazelcastInstance(config(cluster, "member-2", port2, port1));
    assertThat(member1.getCluster().getMembers()).hasSize(2);
    // One provider per member, as in two JVMs, and the same (default) URI: Hazelcast scopes a
    // cache's distributed name by its manager's URI. Member 1's is JCache's registered provider,
    // so that configuration (which asks JCache for it) finds the manager bound to member 1.
    ClassLoader loader = JCacheReplayStoreTest.class.getClassLoader();
    provider = Caching.getCachingProvider(PROVIDER, loader);
    manager1 =
        provider.getCacheManager(
            provider.getDefaultURI(),
            loader,
            HazelcastCachingProvider.propertiesByInstanceName("member-1"));
    provider2 = new HazelcastCachingProvider();
    manager2 =
        provider2.getCacheManager(
            provider2.getDefaultURI(),
            loader,
            HazelcastCachingProvider.propertiesByInstanceName("member-2"));
    assertThat(manager1).isNotSameAs(manager2);
  }

  private static Config config(String cluster, String name, int port, int other) {
    Config config = new Config().setInstanceName(name).setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .addMember("127.0.0.1:" + port)
        .addMember("127.0.0.1:" + other);
    return config;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @AfterAll
  static void stopCluster() {
    if (provider2 != null) {
      provider2.close();
    }
    if (provider != null) {
      provider.close();
    }
    Hazelcast.shutdownAll();
  }

  private static String nonce() {
    return UUID.randomUUID().toString();
  }

  private static Instant soon() {
    return Instant.now().plusSeconds(30);
  }

  private static JCacheReplayStore store(CacheManager manager) {
    return JCacheReplayStore.builder(manager).clockSkew(Duration.ofSeconds(60)).build();
  }

  @Test
  @Order(1)
  void recordIfAbsent_throughMember1_isAReplayThroughMember2() {
    JCacheReplayStore node1 = store(manager1);
    JCacheReplayStore node2 = store(manager2);
    for (int i = 0; i < 50; i++) { // nonces spread over both members' partitions
      String nonce = nonce();
      assertThat(node1.recordIfAbsent("orders", nonce, soon())).isTrue();
      assertThat(node2.recordIfAbsent("orders", nonce, soon())).isFalse();
      assertThat(node1.recordIfAbsent("orders", nonce, soon())).isFalse();
    }
    String other = nonce();
    assertThat(node2.recordIfAbsent("orders", other, soon())).isTrue();
    assertThat(node1.recordIfAbsent("orders", other, soon())).isFalse();
  }

  @Test
  @Order(2)
  void recordIfAbsent_sameNonceUnderOtherKeyIds_isNoReplay() {
    JCacheReplayStore store = store(manager1);
    String nonce = nonce();
    assertThat(store.recordIfAbsent("orders", nonce, soon())).isTrue();
    assertThat(store.recordIfAbsent("billing", nonce, soon())).isTrue();
    assertThat(store.recordIfAbsent("a:1", "b" + nonce, soon())).isTrue();
    assertThat(store.recordIfAbsent("a", "1:b" + nonce, soon())).isTrue();
  }

  @Test
  @Order(3)
  void build_createsTheCacheWithACreatedExpiryOfTwiceTheSkewPlusOneSecondPlusTheMargin() {
    JCacheReplayStore store =
        JCacheReplayStore.builder(manager1)
            .cacheName("expiry-" + UUID.randomUUID())
            .clockSkew(Duration.ofSeconds(120))
            .clockMargin(Duration.ofSeconds(5))
            .build();
    assertThat(store.recordLife()).isEqualTo(Duration.ofSeconds(2 * 120 + 1 + 5));
  }

  @Test
  @Order(4)
  void recordIfAbsent_afterTheRecordExpires_acceptsTheNonceAgain() throws InterruptedException {
    String cache = "short-" + UUID.randomUUID();
    JCacheReplayStore node1 =
        JCacheReplayStore.builder(manager1)
            .cacheName(cache)
            .clockSkew(Duration.ZERO)
            .clockMargin(Duration.ZERO)
            .build();
    JCacheReplayStore node2 =
        JCacheReplayStore.builder(manager2)
            .cacheName(cache)
            .clockSkew(Duration.ZERO)
            .clockMargin(Duration.ZERO)
            .build();
    String nonce = nonce();
    Instant expiresAt = Instant.now().plusMillis(500);
    assertThat(node1.recordIfAbsent("orders", nonce, expiresAt)).isTrue();
    assertThat(node2.recordIfAbsent("orders", nonce, expiresAt)).isFalse();

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!node2.recordIfAbsent("orders", nonce, Instant.now().plusMillis(500))) {
      assertThat(System.nanoTime()).as("expired within 20 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  @Order(5)
  void recordIfAbsent_expiresAtBeyondTheRecordsLife_failsClosed() {
    JCacheReplayStore store = store(manager1); // 121 s + 5 s
    assertThatThrownBy(
            () -> store.recordIfAbsent("orders", nonce(), Instant.now().plusSeconds(3600)))
        .isInstanceOf(ReplayStoreUnavailableException.class)
        .hasMessageContaining("skew is larger than the store's");
  }

  @Test
  @Order(6)
  void build_existingCacheThatForgetsTooSoonOrNever_refused() {
    String tooShort = "too-short-" + UUID.randomUUID();
    manager1.createCache(
        tooShort,
        new MutableConfiguration<String, Boolean>()
            .setTypes(String.class, Boolean.class)
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_MINUTE)));
    assertThatThrownBy(
            () ->
                JCacheReplayStore.builder(manager1)
                    .cacheName(tooShort)
                    .clockSkew(Duration.ofSeconds(300))
                    .build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("forgets entries 60000 ms after their creation");

    String eternal = "eternal-" + UUID.randomUUID();
    manager1.createCache(
        eternal,
        new MutableConfiguration<String, Boolean>()
            .setTypes(String.class, Boolean.class)
            .setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf()));
    assertThatThrownBy(() -> JCacheReplayStore.builder(manager1).cacheName(eternal).build())
        .isInstanceOf(HmacConfigurationException.class)
        .hasMessageContaining("never expires");
  }

  @Test
  @Order(7)
  void replayStore_jcacheConfigured_isFoundAndSharedWithTheOtherMember() {
    Map<String, String> properties = new HashMap<>();
    properties.put("hmac.replay.store", "jcache");
    properties.put("hmac.replay.jcache.provider", PROVIDER);
    // No URI: the provider's default, whose manager (one per URI and class loader) is member 1's.
    properties.put("hmac.replay.jcache.cache", "configured");
    properties.put("hmac.clock-skew", "30");
    ReplayStore configured = HmacConfig.lookup(properties::get).replayStore();

    assertThat(configured)
        .isInstanceOf(JCacheReplayStore.class)
        .hasToString("JCacheReplayStore[configured, records live 66000 ms]");
    String nonce = nonce();
    assertThat(configured.recordIfAbsent("orders", nonce, soon())).isTrue();
    JCacheReplayStore onMember2 =
        JCacheReplayStore.builder(manager2)
            .cacheName("configured")
            .clockSkew(Duration.ofSeconds(30))
            .build();
    assertThat(onMember2.recordIfAbsent("orders", nonce, soon())).isFalse();
  }

  @Test
  @Order(8)
  void member1Leaves_itsRecordsAreStillReplaysOnMember2_andItsStoreFailsClosed() {
    JCacheReplayStore node1 = store(manager1);
    JCacheReplayStore node2 = store(manager2);
    String[] nonces = new String[50];
    for (int i = 0; i < nonces.length; i++) {
      nonces[i] = nonce();
      assertThat(node1.recordIfAbsent("orders", nonces[i], soon())).isTrue();
    }

    member1.shutdown();

    for (String nonce : nonces) { // the backups on member 2 (backup count 1) took over
      assertThat(node2.recordIfAbsent("orders", nonce, soon())).isFalse();
    }
    assertThatThrownBy(() -> node1.recordIfAbsent("orders", nonce(), soon()))
        .isInstanceOf(ReplayStoreUnavailableException.class);
  }
}
