package io.github.meddistill.ontology.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactTrieTest {

    @Test
    void should_find_every_edge_and_no_other_when_nodes_have_few_or_many_children() {
        // given: a random trie whose nodes have 1 to 200 children (linear and binary search)
        Random random = new Random(7);
        int tokenCount = 1000;
        EdgeTable edges = new EdgeTable();
        Map<Long, Integer> expected = new HashMap<>();
        List<Integer> inner = new ArrayList<>();
        int nodeCount = 1;
        for (int token = 0; token < 300; token++) {
            edges.put(0, token, nodeCount);
            inner.add(nodeCount++);
        }
        for (int n = 0; n < 2000; n++) {
            int parent = inner.get(random.nextInt(inner.size()));
            int token = random.nextInt(tokenCount);
            if (edges.child(parent, token) < 0) {
                edges.put(parent, token, nodeCount);
                inner.add(nodeCount);
                expected.put(((long) parent << 32) | token, nodeCount++);
            }
        }
        int hub = inner.get(0);
        for (int token = 0; token < 200; token++) {
            if (edges.child(hub, token) < 0) {
                edges.put(hub, token, nodeCount);
                expected.put(((long) hub << 32) | token, nodeCount++);
            }
        }
        int[] values = new int[nodeCount];
        for (int n = 0; n < nodeCount; n++) {
            values[n] = n;
        }

        // when
        CompactTrie trie = CompactTrie.of(edges, nodeCount, tokenCount, values);

        // then: walking both tries from the root reaches the same nodes (a node's value is its old number)
        for (int token = 0; token < 300; token++) {
            assertThat(trie.value(CompactTrie.root(token))).isEqualTo(edges.child(0, token));
        }
        assertThat(trie.value(CompactTrie.root(300))).isEqualTo(-1);
        Deque<int[]> reached = new ArrayDeque<>();
        for (int token = 0; token < 300; token++) {
            reached.add(new int[] {edges.child(0, token), CompactTrie.root(token)});
        }
        int visited = 0;
        List<String> wrong = new ArrayList<>();
        while (!reached.isEmpty()) {
            int[] node = reached.poll();
            visited++;
            for (int token = 0; token < tokenCount; token++) {
                int child = trie.child(node[1], token);
                Integer old = expected.get(((long) node[0] << 32) | token);
                if (old == null ? child != -1 : child < 0 || trie.value(child) != old) {
                    wrong.add("old node " + node[0] + ", token " + token + ": child " + child);
                } else if (old != null) {
                    reached.add(new int[] {old, child});
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(visited).isEqualTo(nodeCount - 1);
    }
}
