//! A slab with generation-checked keys, so a stale key (a timer for a finished
//! call) never reaches a newer occupant of the same slot.

/// A key: slot in the low 32 bits, generation in the high 32.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(pub u64);

impl Key {
    pub const NONE: Key = Key(u64::MAX);

    fn new(slot: u32, generation: u32) -> Key {
        Key(u64::from(slot) | (u64::from(generation) << 32))
    }
    fn slot(self) -> usize {
        (self.0 & 0xffff_ffff) as usize
    }
    fn generation(self) -> u32 {
        (self.0 >> 32) as u32
    }
    pub fn is_none(self) -> bool {
        self == Key::NONE
    }
}

struct Entry<T> {
    generation: u32,
    value: Option<T>,
}

pub struct Slab<T> {
    entries: Vec<Entry<T>>,
    free: Vec<u32>,
    len: u32,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab { entries: Vec::new(), free: Vec::new(), len: 0 }
    }
}

impl<T> Slab<T> {
    pub fn insert(&mut self, value: T) -> Key {
        self.len += 1;
        if let Some(slot) = self.free.pop() {
            let entry = &mut self.entries[slot as usize];
            entry.generation = entry.generation.wrapping_add(1);
            // Never hand out a key equal to NONE.
            if entry.generation == u32::MAX {
                entry.generation = 0;
            }
            entry.value = Some(value);
            return Key::new(slot, entry.generation);
        }
        let slot = self.entries.len() as u32;
        self.entries.push(Entry { generation: 0, value: Some(value) });
        Key::new(slot, 0)
    }

    pub fn get(&self, key: Key) -> Option<&T> {
        let entry = self.entries.get(key.slot())?;
        if entry.generation == key.generation() {
            entry.value.as_ref()
        } else {
            None
        }
    }

    pub fn get_mut(&mut self, key: Key) -> Option<&mut T> {
        let entry = self.entries.get_mut(key.slot())?;
        if entry.generation == key.generation() {
            entry.value.as_mut()
        } else {
            None
        }
    }

    pub fn remove(&mut self, key: Key) -> Option<T> {
        let entry = self.entries.get_mut(key.slot())?;
        if entry.generation != key.generation() {
            return None;
        }
        let value = entry.value.take()?;
        self.free.push(key.slot() as u32);
        self.len -= 1;
        Some(value)
    }

    /// Removes the value without moving it out (a large value is not copied just to
    /// be dropped), handing back what `read` takes from it; None when the key is stale.
    pub fn discard<R>(&mut self, key: Key, read: impl FnOnce(&T) -> R) -> Option<R> {
        let entry = self.entries.get_mut(key.slot())?;
        if entry.generation != key.generation() {
            return None;
        }
        let got = read(entry.value.as_ref()?);
        entry.value = None;
        self.free.push(key.slot() as u32);
        self.len -= 1;
        Some(got)
    }

    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn iter(&self) -> impl Iterator<Item = (Key, &T)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.value.as_ref().map(|v| (Key::new(i as u32, e.generation), v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discard_frees_the_slot_once_and_stale_keys_miss() {
        let mut slab = Slab::default();
        let a = slab.insert(1);
        assert_eq!(slab.discard(a, |v| *v), Some(1));
        assert_eq!(slab.discard(a, |v| *v), None, "a second discard of the same key does nothing");
        assert_eq!(slab.len(), 0);
        let b = slab.insert(2);
        assert_ne!(a, b, "the reused slot has a new generation");
        assert_eq!(slab.get(a), None);
        assert_eq!(slab.get(b), Some(&2));
    }
}
