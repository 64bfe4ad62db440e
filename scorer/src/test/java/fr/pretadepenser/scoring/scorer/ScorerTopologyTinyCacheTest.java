package fr.pretadepenser.scoring.scorer;

/**
 * Every topology test again with a history cache of 100 events: the richest applicant (399 events)
 * never fits and is always read back from the store, and interleaved clients evict each other, so
 * decisions must not depend on what the cache holds.
 */
class ScorerTopologyTinyCacheTest extends ScorerTopologyTest {

  @Override
  long historyCacheEvents() {
    return 100;
  }
}
