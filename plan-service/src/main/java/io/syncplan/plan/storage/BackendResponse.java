package io.syncplan.plan.storage;

import io.syncplan.contracts.policy.BackendOptions;
import io.syncplan.contracts.policy.OptionCatalogue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An rclone backend as {@code GET /storages/backends} describes it.
 *
 * @param options non-secret options a storage may set
 * @param secrets options that must be sent in {@code secrets}
 * @param obscured secrets rclone takes obscured (the executor obscures them itself)
 * @param hostOptions options that use the executor machine's own credentials, files or links,
 *     accepted only where the operator allows them ({@code syncplan.storages.host-options})
 * @param forbidden options that make rclone run a program, never accepted
 */
record BackendResponse(
    List<String> options,
    List<String> secrets,
    List<String> obscured,
    List<String> hostOptions,
    List<String> forbidden) {

  static Map<String, BackendResponse> all(OptionCatalogue catalogue) {
    Map<String, BackendResponse> all = new TreeMap<>();
    catalogue.backends().forEach((type, backend) -> all.put(type, of(backend)));
    return all;
  }

  private static BackendResponse of(BackendOptions backend) {
    return new BackendResponse(
        List.copyOf(backend.options().keySet()),
        List.copyOf(backend.secrets().keySet()),
        List.copyOf(backend.obscured()),
        List.copyOf(backend.host().keySet()),
        List.copyOf(backend.commands().keySet()));
  }
}
