package io.syncplan.plan.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** API keys, managed by admins. A key is shown once, in the answer that issues it. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys")
class ApiKeyController {

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  record KeyRequest(
      @Schema(example = "ci-pipeline") @NotBlank @Size(max = 100) @NoControlChars String name,
      @Schema(allowableValues = {"VIEWER", "OPERATOR", "ADMIN"}) @NotNull @OneOf(Role.class)
          String role) {}

  record KeyView(
      String id, String name, Role role, String prefix, Instant createdAt, String createdBy) {

    static KeyView of(ApiKeyDocument key) {
      return new KeyView(
          key.id(), key.name(), key.role(), key.prefix(), key.createdAt(), key.createdBy());
    }
  }

  /** The answer to issuing a key: the only time the key itself is shown. */
  record IssuedKey(String id, String name, Role role, String key, Instant createdAt) {}

  @PostMapping
  @Operation(summary = "Issue an API key; the key is in this answer only")
  Mono<ResponseEntity<IssuedKey>> issue(
      @Valid @RequestBody KeyRequest request, Authentication caller) {
    return keys.issue(request.name().strip(), Role.valueOf(request.role()), caller.getName())
        .map(
            issued ->
                ResponseEntity.created(URI.create("/api/v1/keys/" + issued.document().id()))
                    .body(
                        new IssuedKey(
                            issued.document().id(),
                            issued.document().name(),
                            issued.document().role(),
                            issued.key(),
                            issued.document().createdAt())));
  }

  @GetMapping
  @Operation(summary = "List API keys (never the keys themselves)")
  Mono<List<KeyView>> list() {
    return keys.list().map(KeyView::of).collectList();
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke an API key")
  Mono<ResponseEntity<Void>> revoke(@PathVariable String id) {
    return keys.revoke(id).thenReturn(ResponseEntity.noContent().build());
  }
}
