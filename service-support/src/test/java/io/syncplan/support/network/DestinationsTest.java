package io.syncplan.support.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.support.network.StorageDestinations.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {

  @Test
  void aUrlsHostAndPortAreReadAsLenientlyAsAClientWould() {
    assertThat(Destination.ofUrl("https://hooks.example.com/services/x?y=1"))
        .contains(new Destination("hooks.example.com", 443));
    assertThat(Destination.ofUrl("http://user:pw@EXAMPLE.com.:8080/x"))
        .contains(new Destination("example.com", 8080));
    assertThat(Destination.ofUrl("http://[::1]:9000/")).contains(new Destination("::1", 9000));
    assertThat(Destination.ofUrl("http://evil.example@127.0.0.1/a b"))
        .contains(new Destination("127.0.0.1", 80));
    assertThat(Destination.ofUrl("http://127.0.0.1:99999/"))
        .contains(new Destination("127.0.0.1", Destination.ANY_PORT));
    assertThat(Destination.ofUrl("/just/a/path")).isEmpty();
  }

  @Test
  void theServerOptionsOfAStorageAreItsDestinations() {
    assertThat(StorageDestinations.of("sftp", Map.of("host", "10.0.0.9", "user", "backup")))
        .containsExactly(new Target("host", new Destination("10.0.0.9", 22)));
    assertThat(StorageDestinations.of("sftp", Map.of("host", "nas", "port", "2222")))
        .containsExactly(new Target("host", new Destination("nas", 2222)));
    assertThat(StorageDestinations.of("webdav", Map.of("url", "http://127.0.0.1:8080/dav")))
        .containsExactly(new Target("url", new Destination("127.0.0.1", 8080)));
    assertThat(
            StorageDestinations.of(
                "s3", Map.of("provider", "Minio", "endpoint", "minio:9000", "region", "eu")))
        .containsExactly(new Target("endpoint", new Destination("minio", 9000)));
    assertThat(StorageDestinations.of("s3", Map.of("endpoint", "s3.example.com")))
        .containsExactly(new Target("endpoint", new Destination("s3.example.com", -1)));
  }

  @Test
  void anyOtherOptionHoldingAUrlIsADestinationToo() {
    assertThat(
            StorageDestinations.of(
                "drive", Map.of("some_new_option", "https://169.254.169.254/latest")))
        .containsExactly(new Target("some_new_option", new Destination("169.254.169.254", 443)));
    assertThat(StorageDestinations.of("local", Map.of("copy_links", "true"))).isEmpty();
  }

  @Test
  void aSocksProxyWithoutSchemeIsADestinationOnItsOwnPort() {
    assertThat(
            StorageDestinations.of(
                "sftp", Map.of("host", "nas", "socks_proxy", "me:secret@127.0.0.1:1080")))
        .containsExactly(
            new Target("host", new Destination("nas", 22)),
            new Target("socks_proxy", new Destination("127.0.0.1", 1080)));
    assertThat(StorageDestinations.of("ftp", Map.of("socks_proxy", "proxy.internal")))
        .containsExactly(
            new Target("socks_proxy", new Destination("proxy.internal", Destination.ANY_PORT)));
  }

  @Test
  void theServersOfAMongoDbConnectionStringAreFound() {
    assertThat(OwnServices.mongoHosts("mongodb://u:p@m1:27018,m2/db?replicaSet=rs0"))
        .containsExactly(new Destination("m1", 27018), new Destination("m2", 27017));
    assertThat(OwnServices.mongoHosts("mongodb+srv://cluster.example.com/db"))
        .containsExactly(new Destination("cluster.example.com", Destination.ANY_PORT));
  }
}
