/**
 * Internals of the ontology module (tokenizer, interning and trie tables, file readers). Not a
 * published API: may change in any release.
 */
package io.github.meddistill.ontology.internal;
