package io.syncplan.plan.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.policy.OptionCatalogue;
import io.syncplan.plan.network.OutboundDestinations;
import io.syncplan.plan.web.ETags;
import io.syncplan.plan.web.PageResponse;
import io.syncplan.plan.web.PageWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Storages: the places plans read from and write to, of any rclone backend type. */
@RestController
@RequestMapping("/api/v1/storages")
@Tag(name = "Storages")
class StorageController {

  private final StorageService storages;
  private final StorageTests tests;
  private final OutboundDestinations network;

  StorageController(StorageService storages, StorageTests tests, OutboundDestinations network) {
    this.storages = storages;
    this.tests = tests;
    this.network = network;
  }

  @PostMapping
  @Operation(summary = "Create a storage")
  Mono<ResponseEntity<StorageResponse>> create(@Valid @RequestBody StorageRequest request) {
    return network
        .checkStorage(request.type(), request.options())
        .then(Mono.defer(() -> storages.create(request)))
        .map(
            storage ->
                ResponseEntity.created(URI.create("/api/v1/storages/" + storage.id()))
                    .eTag(ETags.of(storage.version()))
                    .body(StorageResponse.of(storage)));
  }

  @GetMapping
  @Operation(summary = "List storages by name")
  Mono<PageResponse<StorageResponse>> list(
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    PageWindow.check(page, size);
    return PageResponse.of(
        storages.list(page, size).map(StorageResponse::of), page, size, storages.count());
  }

  @GetMapping("/backends")
  @Operation(summary = "The rclone backend types, with the options and secrets each knows")
  Map<String, BackendResponse> backends() {
    return BackendResponse.all(OptionCatalogue.shared());
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a storage (its secrets by name only)")
  Mono<ResponseEntity<StorageResponse>> get(@PathVariable String id) {
    return storages.get(id).map(StorageController::ok);
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Replace a storage; plans using it are published again",
      description =
          "Secrets left out are kept while the storage points where it did (same type and"
              + " options); a change of either drops them, and the answer lists them in"
              + " secretsDropped. A secret sent as null is removed.")
  Mono<ResponseEntity<StorageResponse>> replace(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody StorageRequest request) {
    return network
        .checkStorage(request.type(), request.options())
        .then(Mono.defer(() -> storages.replace(id, request, ifMatch)))
        .map(
            replaced ->
                ResponseEntity.ok()
                    .eTag(ETags.of(replaced.storage().version()))
                    .body(StorageResponse.of(replaced.storage(), replaced.secretsDropped())));
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a storage no plan uses (409 naming the plans otherwise)")
  Mono<ResponseEntity<Void>> delete(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return storages.delete(id, ifMatch).thenReturn(ResponseEntity.noContent().build());
  }

  record TestRequest(
      @Pattern(
              regexp = "[a-z0-9][a-z0-9-]{0,62}",
              message = "must be 1 to 63 lower-case letters, digits or '-'")
          String pool,
      @jakarta.validation.constraints.Size(max = 4096) @io.syncplan.plan.web.NoControlChars
          String path) {}

  @PostMapping("/{id}/test")
  @Operation(
      summary = "Check that an executor of the pool can reach the storage",
      description =
          "Waits for the executor's answer (up to syncplan.api.storage-test-timeout); 504 with the"
              + " request id when none came in time.")
  Mono<StorageTestDocument> test(
      @PathVariable String id, @Valid @RequestBody(required = false) TestRequest request) {
    String pool = request == null || request.pool() == null ? "default" : request.pool();
    String path = request == null ? null : request.path();
    return storages.spec(id).flatMap(storage -> tests.test(storage, pool, path));
  }

  @GetMapping("/{id}/tests/{requestId}")
  @Operation(summary = "The answer to an earlier connectivity check")
  Mono<StorageTestDocument> testResult(@PathVariable String id, @PathVariable String requestId) {
    return tests.get(id, requestId);
  }

  private static ResponseEntity<StorageResponse> ok(StorageDocument storage) {
    return ResponseEntity.ok().eTag(ETags.of(storage.version())).body(StorageResponse.of(storage));
  }
}
