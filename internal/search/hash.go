package search

// hashTable is an open-addressing hash table keyed by term, used for the
// term dictionary and for counting the terms of a post. It remembers its
// occupied slots in insertion order, which makes iteration and reset cost
// proportional to use. Key 0 marks an empty slot (no term has key 0).
type hashTable[V any] struct {
	keys []termKey
	vals []V
	used []int32 // occupied slots, in insertion order
	mask uint64
}

// hashSlot is where the probe for k starts.
func (t *hashTable[V]) hashSlot(k termKey) uint64 {
	return (uint64(k) * 0x9E3779B97F4A7C15 >> 20) & t.mask
}

// find returns the slot of k, if present.
func (t *hashTable[V]) find(k termKey) (int, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	for i := t.hashSlot(k); ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return int(i), true
		case 0:
			return 0, false
		}
	}
}

// slot returns the slot of k, claiming one (with a zero value) if k is new.
func (t *hashTable[V]) slot(k termKey) (i int, added bool) {
	if 2*len(t.used) >= len(t.keys) {
		t.grow()
	}
	for i := t.hashSlot(k); ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case k:
			return int(i), false
		case 0:
			var zero V
			t.keys[i], t.vals[i] = k, zero
			t.used = append(t.used, int32(i))
			return int(i), true
		}
	}
}

// reset empties the table, keeping its storage.
func (t *hashTable[V]) reset() {
	for _, i := range t.used {
		t.keys[i] = 0
	}
	t.used = t.used[:0]
}

// grow doubles the table (allocating it on first use) and rehashes.
func (t *hashTable[V]) grow() {
	keys, vals, used := t.keys, t.vals, t.used
	size := max(1024, 2*len(keys))
	t.keys = make([]termKey, size)
	t.vals = make([]V, size)
	t.used = make([]int32, 0, size/2)
	t.mask = uint64(size - 1)
	for _, i := range used {
		j, _ := t.slot(keys[i])
		t.vals[j] = vals[i]
	}
}
