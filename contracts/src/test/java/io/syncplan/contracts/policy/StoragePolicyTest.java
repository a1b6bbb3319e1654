package io.syncplan.contracts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePolicyTest {

  private static final String NESTED_WEBDAV =
      ":webdav,url='http://127.0.0.1:1',bearer_token_command='touch /tmp/x':";

  private final StoragePolicy policy = StoragePolicy.STRICT;

  @Test
  void acceptsAnSftpStorageOfKnownOptionsAndSecrets() {
    assertThat(
            policy.check(
                "sftp",
                Map.of("host", "nas.example.org", "port", "22", "user", "backup"),
                Set.of("pass")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"alias", "crypt", "chunker", "hasher", "compress", "cache"})
  void refusesAConnectionStringInAWrappersRemote(String wrapper) {
    assertThat(fields(policy.check(wrapper, Map.of("remote", NESTED_WEBDAV), Set.of())))
        .containsExactly("options[remote]");
    assertThat(fields(policy.check(wrapper, Map.of("remote", "other:backups"), Set.of())))
        .containsExactly("options[remote]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"union", "combine"})
  void refusesAConnectionStringAmongUpstreams(String wrapper) {
    String upstream = "combine".equals(wrapper) ? "dir=" + NESTED_WEBDAV : NESTED_WEBDAV;
    assertThat(fields(policy.check(wrapper, Map.of("upstreams", upstream), Set.of())))
        .containsExactly("options[upstreams]");
  }

  @Test
  void acceptsWrappersThatNameSyncplanStorages() {
    assertThat(policy.check("crypt", Map.of("remote", "offsite s3/backups"), Set.of("password")))
        .isEmpty();
    assertThat(policy.check("union", Map.of("upstreams", "\"my nas/photos:ro\" offsite"), Set.of()))
        .isEmpty();
    assertThat(policy.check("combine", Map.of("upstreams", "a=nas/photos b=offsite"), Set.of()))
        .isEmpty();
  }

  @Test
  void refusesOptionsThatRunAProgramInEveryVersion() {
    assertThat(policy.check("webdav", Map.of(), Set.of("bearer_token_command")))
        .extracting(PolicyViolation::message)
        .singleElement()
        .asString()
        .contains("run a program");
    assertThat(fields(policy.check("sftp", Map.of("ssh", "ssh -o ProxyCommand=x"), Set.of())))
        .containsExactly("options[ssh]");
    assertThat(fields(policy.check("sftp", Map.of("md5sum_command", "md5sum"), Set.of())))
        .containsExactly("options[md5sum_command]");
  }

  @Test
  void refusesHostCredentialsUnlessTheOperatorAllowsThem() {
    assertThat(fields(policy.check("s3", Map.of("env_auth", "true"), Set.of())))
        .containsExactly("options[env_auth]");
    assertThat(fields(policy.check("local", Map.of("copy_links", "true"), Set.of())))
        .containsExactly("options[copy_links]");
    assertThat(new StoragePolicy(Set.of("env_auth")).check("s3", Map.of("env_auth", "true"), null))
        .isEmpty();
  }

  @Test
  void treatsEveryOptionNotKnownAsPlainAsASecret() {
    assertThat(fields(policy.check("webdav", Map.of("headers", "Cookie,a=b"), Set.of())))
        .containsExactly("options[headers]");
    assertThat(fields(policy.check("s3", Map.of("sse_customer_key_base64", "x"), Set.of())))
        .containsExactly("options[sse_customer_key_base64]");
    assertThat(policy.check("s3", Map.of("region", "eu-west-1"), Set.of("sse_customer_key_base64")))
        .isEmpty();
  }

  @Test
  void refusesUnknownBackendsAndOptions() {
    assertThat(fields(policy.check("nosuch", Map.of(), Set.of()))).containsExactly("type");
    assertThat(fields(policy.check("sftp", Map.of("remotes", "x"), Set.of())))
        .containsExactly("options[remotes]");
  }

  @Test
  void refusesTextThatRcloneWouldReadAsARemote() {
    assertThat(fields(policy.check("sftp", Map.of("user", "x:y"), Set.of())))
        .containsExactly("options[user]");
    assertThat(policy.check("webdav", Map.of("url", "http://127.0.0.1:8080/dav"), Set.of()))
        .isEmpty();
    assertThat(fields(policy.check("sftp", Map.of("port", "22; rm"), Set.of())))
        .containsExactly("options[port]");
  }

  @Test
  void recognisesWhatRcloneParsesAsARemote() {
    assertThat(RemoteSyntax.namesRemote("remote:path")).isTrue();
    assertThat(RemoteSyntax.namesRemote(":local:/etc")).isTrue();
    assertThat(RemoteSyntax.namesRemote("name,option=x:")).isTrue();
    assertThat(RemoteSyntax.namesRemote("/data/a:b")).isFalse();
    assertThat(RemoteSyntax.namesRemote("md5,sha1")).isFalse();
    assertThat(RemoteSyntax.namesRemote("plain text")).isFalse();
  }

  private static List<String> fields(List<PolicyViolation> violations) {
    return violations.stream().map(PolicyViolation::field).toList();
  }
}
