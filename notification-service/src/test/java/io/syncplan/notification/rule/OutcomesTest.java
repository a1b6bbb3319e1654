package io.syncplan.notification.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Outcome;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void aWebhookThatNamesNoOutcomeGetsEveryFinishedRunAResyncOrPauseButNoStartOrRetry() {
    assertThat(webhookOccasions(Set.of(), true))
        .containsExactlyInAnyOrder(
            Occasion.SUCCEEDED,
            Occasion.PARTIAL,
            Occasion.FAILED,
            Occasion.CANCELLED,
            Occasion.NEEDS_RESYNC,
            Occasion.PAUSED,
            Occasion.VERIFY_FAILED);
  }

  @Test
  void anEmailThatNamesNoOutcomeGetsFailuresANeededResyncAPauseAndAFailedVerificationOnly() {
    assertThat(emailOccasions(Set.of(), true))
        .containsExactlyInAnyOrder(
            Occasion.FAILED, Occasion.NEEDS_RESYNC, Occasion.PAUSED, Occasion.VERIFY_FAILED);
  }

  @Test
  void aPingChannelThatNamesNoOutcomeAlsoGetsStarts() {
    assertThat(
            Arrays.stream(Occasion.values())
                .filter(o -> o != Occasion.TEST)
                .filter(o -> Outcomes.pingWants(Set.of(), o, false)))
        .containsExactlyInAnyOrder(
            Occasion.STARTED,
            Occasion.SUCCEEDED,
            Occasion.PARTIAL,
            Occasion.FAILED,
            Occasion.CANCELLED,
            Occasion.NEEDS_RESYNC,
            Occasion.PAUSED,
            Occasion.VERIFY_FAILED);
    assertThat(Outcomes.pingWants(Set.of(Outcome.FAILURE), Occasion.STARTED, false)).isFalse();
  }

  @Test
  void aFailedVerificationGoesToAChannelThatNamesOutcomesOnlyWhenItNamesIt() {
    assertThat(webhookOccasions(Set.of(Outcome.FAILURE, Outcome.PARTIAL), true))
        .containsExactlyInAnyOrder(Occasion.FAILED, Occasion.PARTIAL);
    assertThat(emailOccasions(Set.of(Outcome.VERIFY_FAILED), true))
        .containsExactly(Occasion.VERIFY_FAILED);
  }

  @Test
  void aNeededResyncGoesToAChannelThatNamesOutcomesOnlyWhenItNamesIt() {
    assertThat(emailOccasions(Set.of(Outcome.FAILURE), true)).containsExactly(Occasion.FAILED);
    assertThat(webhookOccasions(Set.of(Outcome.NEEDS_RESYNC), true))
        .containsExactly(Occasion.NEEDS_RESYNC);
  }

  @Test
  void namedOutcomesAreExactlyWhatIsSent() {
    assertThat(emailOccasions(Set.of(Outcome.START, Outcome.RETRYING, Outcome.CANCELLED), true))
        .containsExactlyInAnyOrder(Occasion.STARTED, Occasion.RETRYING, Occasion.CANCELLED);
  }

  @Test
  void changesOnlyNarrowsSuccessesAndPartialRunsToThoseThatChangedFiles() {
    Set<Outcome> on = Set.of(Outcome.SUCCESS, Outcome.PARTIAL, Outcome.CHANGES_ONLY);
    assertThat(webhookOccasions(on, true))
        .containsExactlyInAnyOrder(Occasion.SUCCEEDED, Occasion.PARTIAL);
    assertThat(webhookOccasions(on, false)).isEmpty();
  }

  @Test
  void changesOnlyOnItsOwnMeansCompletedRunsThatChangedFiles() {
    assertThat(emailOccasions(Set.of(Outcome.CHANGES_ONLY), true))
        .containsExactlyInAnyOrder(Occasion.SUCCEEDED, Occasion.PARTIAL);
    assertThat(emailOccasions(Set.of(Outcome.CHANGES_ONLY), false)).isEmpty();
  }

  @Test
  void changesOnlyNeverHidesAFailure() {
    assertThat(emailOccasions(Set.of(Outcome.FAILURE, Outcome.CHANGES_ONLY), false))
        .containsExactly(Occasion.FAILED);
  }

  private static Occasion[] webhookOccasions(Set<Outcome> on, boolean changed) {
    return Arrays.stream(Occasion.values())
        .filter(o -> o != Occasion.TEST)
        .filter(o -> Outcomes.webhookWants(on, o, changed))
        .toArray(Occasion[]::new);
  }

  private static Occasion[] emailOccasions(Set<Outcome> on, boolean changed) {
    return Arrays.stream(Occasion.values())
        .filter(o -> o != Occasion.TEST)
        .filter(o -> Outcomes.emailWants(on, o, changed))
        .toArray(Occasion[]::new);
  }
}
