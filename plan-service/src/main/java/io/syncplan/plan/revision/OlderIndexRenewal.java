package io.syncplan.plan.revision;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Asks at start, in the background, for the renewal of the revision indexes an earlier version
 * stored ({@link RevisionIndex#renewOlderLayout()}).
 */
@Component
class OlderIndexRenewal implements ApplicationRunner {

  private final RevisionIndex index;

  OlderIndexRenewal(RevisionIndex index) {
    this.index = index;
  }

  @Override
  public void run(ApplicationArguments args) {
    index.renewOlderLayout().subscribe();
  }
}
