package io.syncplan.support.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.support.network.NetworkPolicy.OwnService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

  /** Names resolve only to what a test says, never through the machine's DNS. */
  static final Map<String, List<String>> DNS =
      Map.of(
          "hooks.example.com", List.of("93.184.216.34"),
          "metadata.internal", List.of("169.254.169.254"),
          "split.example.com", List.of("93.184.216.34", "10.1.2.3"),
          "nas.home.arpa", List.of("192.168.1.20"),
          "kafka", List.of("10.0.0.5"),
          "mongo", List.of("10.0.0.6"));

  static final HostResolver RESOLVER =
      host -> {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        List<InetAddress> resolved = new ArrayList<>();
        for (String address : addresses) {
          resolved.add(InetAddress.getByName(address));
        }
        return resolved;
      };

  static final List<OwnService> OWN =
      List.of(
          new OwnService("Kafka", new Destination("kafka", 9092)),
          new OwnService("MongoDB", new Destination("mongo", 27017)));

  static NetworkPolicy policy(String... allow) {
    return new NetworkPolicy(List.of(allow), OWN, RESOLVER);
  }

  static Destination at(String host, int port) {
    return new Destination(host, port);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.20.30.40",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fd12:3456::1",
        "0.0.0.0",
        "::",
        "100.64.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "::ffff:127.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:0001::1"
      })
  void loopbackPrivateLinkLocalUniqueLocalAndOtherSpecialAddressesAreRefusedByDefault(
      String address) {
    assertThatThrownBy(() -> policy().vet(at(address, 443)))
        .isInstanceOf(RefusedDestinationException.class)
        .hasMessageContaining("unreachable")
        .satisfies(
            e ->
                assertThat(((RefusedDestinationException) e).detail())
                    .contains("address")
                    .contains("syncplan.network.allow"));
    assertThat(policy().refusalWithoutLookup(at(address, 443))).isPresent();
  }

  @Test
  void publicAddressesAndNamesThatResolveToThemAreAllowed() throws Exception {
    assertThat(policy().vet(at("93.184.216.34", 443)))
        .containsExactly(InetAddress.getByName("93.184.216.34"));
    assertThat(policy().vet(at("hooks.example.com", 443)))
        .containsExactly(InetAddress.getByName("93.184.216.34"));
    assertThat(policy().vet(at("2606:4700::1111", 443))).hasSize(1);
  }

  @Test
  void aNameIsRefusedForTheAddressItResolvesToWithTheAddressOnlyInTheDetail() {
    assertThatThrownBy(() -> policy().vet(at("metadata.internal", 80)))
        .isInstanceOf(RefusedDestinationException.class)
        .hasMessage("metadata.internal:80 is unreachable: refused by the network policy")
        .satisfies(
            e ->
                assertThat(((RefusedDestinationException) e).detail())
                    .startsWith(
                        "metadata.internal resolves to 169.254.169.254, a link-local address"));
  }

  @Test
  void aNameIsRefusedWhenAnyOneOfItsAddressesIsRefused() {
    assertThatThrownBy(() -> policy().vet(at("split.example.com", 443)))
        .isInstanceOf(RefusedDestinationException.class)
        .satisfies(
            e ->
                assertThat(((RefusedDestinationException) e).detail())
                    .contains("10.1.2.3, a private address"));
  }

  @Test
  void anAllowedRangeOrAddressLiftsTheRefusal() throws Exception {
    NetworkPolicy policy = policy("192.168.1.0/24", "127.0.0.1", "::1/128");
    assertThat(policy.vet(at("nas.home.arpa", 445)))
        .containsExactly(InetAddress.getByName("192.168.1.20"));
    assertThat(policy.vet(at("127.0.0.1", 8080))).hasSize(1);
    assertThat(policy.vet(at("::1", 8080))).hasSize(1);
    assertThatThrownBy(() -> policy.vet(at("127.0.0.2", 8080)))
        .isInstanceOf(RefusedDestinationException.class);
    assertThatThrownBy(() -> policy.vet(at("192.168.2.1", 8080)))
        .isInstanceOf(RefusedDestinationException.class);
  }

  @Test
  void anAllowedHostNameIsTrustedWhateverItResolvesTo() throws Exception {
    assertThat(policy("nas.home.arpa").vet(at("nas.home.arpa", 445))).hasSize(1);
    assertThat(policy("*.internal").vet(at("metadata.internal", 80))).hasSize(1);
    assertThatThrownBy(() -> policy("*.internal").vet(at("nas.home.arpa", 445)))
        .isInstanceOf(RefusedDestinationException.class);
  }

  @Test
  void theStacksOwnKafkaAndMongoDbStayRefusedEvenWhenTheirNetworkIsAllowed() {
    NetworkPolicy policy = policy("10.0.0.0/8", "kafka");
    assertThatThrownBy(() -> policy.vet(at("kafka", 9092)))
        .isInstanceOf(RefusedDestinationException.class)
        .satisfies(
            e ->
                assertThat(((RefusedDestinationException) e).detail())
                    .isEqualTo("kafka:9092 is the stack's own Kafka (kafka:9092)"));
    assertThatThrownBy(() -> policy.vet(at("10.0.0.6", 27017)))
        .isInstanceOf(RefusedDestinationException.class)
        .hasMessageContaining("10.0.0.6:27017");
    assertThat(policy.refusalWithoutLookup(at("mongo", 27017)))
        .contains("mongo:27017 is the stack's own MongoDB (mongo:27017)");
  }

  @Test
  void theOwnServicesOfAStackOnLoopbackAreRefusedWhileOtherLoopbackPortsAreAllowed()
      throws Exception {
    NetworkPolicy policy =
        new NetworkPolicy(
            NetworkProperties.LOCAL_NETWORKS,
            List.of(new OwnService("Kafka", new Destination("localhost", 9092))),
            RESOLVER);
    assertThat(policy.vet(at("127.0.0.1", 8080))).hasSize(1);
    assertThatThrownBy(() -> policy.vet(at("127.0.0.1", 9092)))
        .isInstanceOf(RefusedDestinationException.class);
    assertThat(policy.refusalWithoutLookup(at("::1", 9092))).isPresent();
    assertThat(policy.refusalWithoutLookup(at("::1", 9093))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.1", "0177.0.0.1", "0x7f000001", "2130706433", "0x7f.0.0.1"})
  void numbersThatSomeResolversReadAsAnAddressAreRefused(String host) {
    assertThatThrownBy(() -> policy("127.0.0.0/8").vet(at(host, 80)))
        .isInstanceOf(RefusedDestinationException.class);
    assertThat(policy("127.0.0.0/8").refusalWithoutLookup(at(host, 80))).isPresent();
  }

  @Test
  void withoutALookupOnlyAddressesLocalhostAndTheOwnServicesNamesCanBeJudged() {
    NetworkPolicy policy = policy();
    assertThat(policy.refusalWithoutLookup(at("localhost", 80)))
        .hasValueSatisfying(reason -> assertThat(reason).contains("loopback"));
    assertThat(policy.refusalWithoutLookup(at("api.localhost", 80))).isPresent();
    assertThat(policy.refusalWithoutLookup(at("metadata.internal", 80))).isEmpty();
    assertThat(policy.refusalWithoutLookup(at("hooks.example.com", 443))).isEmpty();
  }

  @Test
  void aNameThatCannotBeResolvedIsAnUnknownHost() {
    assertThatThrownBy(() -> policy().vet(at("nowhere.invalid", 80)))
        .isInstanceOf(UnknownHostException.class)
        .isNotInstanceOf(RefusedDestinationException.class);
  }

  @Test
  void anAllowEntryThatIsNeitherARangeNorAHostNameStopsTheStart() {
    assertThatThrownBy(() -> policy("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy("not a host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syncplan.network.allow");
  }

  @Test
  void thePolicyDescribesItselfInOneLine() {
    assertThat(policy().describe())
        .isEqualTo(
            "outbound requests go to public addresses only; never to Kafka kafka:9092, MongoDB"
                + " mongo:27017");
    assertThat(policy("127.0.0.0/8", "nas.home.arpa").describe())
        .startsWith("outbound requests go to public addresses and 127.0.0.0/8, nas.home.arpa;");
  }
}
