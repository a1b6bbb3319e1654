package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.plan.revision.RevisionDocument.PartRange;
import io.syncplan.plan.revision.RevisionPartDocument.IndexedFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a revision folder's files from its parts, every read by {@code _id}: a page reads the parts
 * its items lie in, and a folder's page first the (at most four) parts where the folder starts and
 * ends, to count what of them lies in it; every part between counts whole, from its revision's
 * document. A folder indexed by an earlier version is read from its old layout.
 */
@Component
class RevisionFiles {

  private static final Comparator<RevisionFileResponse> NEWEST_FIRST =
      Comparator.comparing(
              RevisionFileResponse::revisionMadeAt,
              Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
          .thenComparing(
              RevisionFileResponse::side, Comparator.nullsLast(Comparator.naturalOrder()));

  private final ReactiveMongoTemplate mongo;
  private final LegacyRevisionFiles legacy;

  RevisionFiles(ReactiveMongoTemplate mongo, LegacyRevisionFiles legacy) {
    this.mongo = mongo;
    this.legacy = legacy;
  }

  /** A page of the folder's files at or below {@code path} ("" for all), and how many there are. */
  Mono<Listing> page(RevisionDocument folder, String path, int page, int size) {
    if (!folder.filesInParts()) {
      return legacy.page(folder, path, page, size);
    }
    List<Slice> slices = new ArrayList<>();
    for (PathRange range : PathRange.atOrBelow(path)) {
      for (PartRange part : folder.partsInOrder()) {
        if (range.meets(part)) {
          slices.add(new Slice(range, part));
        }
      }
    }
    Set<Integer> edges = new TreeSet<>();
    slices.stream().filter(slice -> !slice.whole()).forEach(slice -> edges.add(slice.part()));
    return read(folder, edges, Map.of())
        .flatMap(
            loaded -> {
              long from = (long) page * size;
              long to = from + size;
              long total = 0;
              List<Taken> taken = new ArrayList<>();
              for (Slice slice : slices) {
                long count = slice.whole() ? slice.range().files() : slice.count(loaded);
                if (total < to && total + count > from) {
                  long skip = Math.max(0, from - total);
                  taken.add(new Taken(slice, skip, Math.min(count, to - total) - skip));
                }
                total += count;
              }
              long totalItems = total;
              Set<Integer> needed = new TreeSet<>();
              taken.forEach(t -> needed.add(t.slice().part()));
              return read(folder, needed, loaded)
                  .map(
                      all -> {
                        List<RevisionFileResponse> items = new ArrayList<>(size);
                        for (Taken t : taken) {
                          t.slice().files(all).stream()
                              .skip(t.skip())
                              .limit(t.take())
                              .map(file -> RevisionFileResponse.of(folder, file))
                              .forEach(items::add);
                        }
                        return new Listing(items, totalItems);
                      });
            });
  }

  /**
   * The kept versions of one file, newest revision first: per revision folder of the plan (a plan
   * has few), the part or two whose range holds the path, all read at once by {@code _id}.
   */
  Flux<RevisionFileResponse> versions(String planId, String path) {
    PathRange exactly = PathRange.exactly(path);
    return mongo
        .find(query(where("planId").is(planId)), RevisionDocument.class)
        .collectList()
        .flatMapMany(
            folders -> {
              Map<String, RevisionDocument> byRevision = new HashMap<>();
              List<String> partIds = new ArrayList<>();
              Set<String> older = new TreeSet<>();
              for (RevisionDocument folder : folders) {
                byRevision.put(folder.revision(), folder);
                if (!folder.filesInParts()) {
                  older.add(folder.revision());
                }
                for (PartRange part : folder.partsInOrder()) {
                  if (folder.filesInParts() && exactly.meets(part)) {
                    partIds.add(RevisionPartDocument.id(planId, folder.revision(), part.part()));
                  }
                }
              }
              Flux<RevisionFileResponse> inParts =
                  partIds.isEmpty()
                      ? Flux.empty()
                      : mongo
                          .find(query(where("_id").in(partIds)), RevisionPartDocument.class)
                          .flatMapIterable(
                              part ->
                                  part.files().stream()
                                      .filter(file -> file.path().equals(path))
                                      .map(
                                          file ->
                                              RevisionFileResponse.of(
                                                  byRevision.get(part.revision()), file))
                                      .toList());
              Flux<RevisionFileResponse> inOldLayout =
                  older.isEmpty() ? Flux.empty() : legacy.versions(planId, path, older);
              return Flux.concat(inParts, inOldLayout).sort(NEWEST_FIRST);
            });
  }

  /** Adds the named parts of the folder to those already {@code loaded}. */
  private Mono<Map<Integer, List<IndexedFile>>> read(
      RevisionDocument folder, Collection<Integer> parts, Map<Integer, List<IndexedFile>> loaded) {
    List<String> ids =
        parts.stream()
            .filter(part -> !loaded.containsKey(part))
            .map(part -> RevisionPartDocument.id(folder.planId(), folder.revision(), part))
            .toList();
    if (ids.isEmpty()) {
      return Mono.just(loaded);
    }
    return mongo
        .find(query(where("_id").in(ids)), RevisionPartDocument.class)
        .collectList()
        .map(
            read -> {
              Map<Integer, List<IndexedFile>> all = new HashMap<>(loaded);
              read.forEach(part -> all.put(part.part(), part.files()));
              return all;
            });
  }

  /** A page's items and the number of items of the whole listing. */
  record Listing(List<RevisionFileResponse> items, long total) {}

  /** What of one part lies in one range of a listing. */
  private record Slice(PathRange paths, PartRange range) {

    int part() {
      return range.part();
    }

    boolean whole() {
      return paths.holds(range);
    }

    List<IndexedFile> files(Map<Integer, List<IndexedFile>> loaded) {
      List<IndexedFile> files = loaded.getOrDefault(range.part(), List.of());
      return whole() ? files : files.stream().filter(f -> paths.contains(f.path())).toList();
    }

    long count(Map<Integer, List<IndexedFile>> loaded) {
      return files(loaded).size();
    }
  }

  /** The items a page takes from a slice. */
  private record Taken(Slice slice, long skip, long take) {}
}
