//! Several named diagrams kept in the browser: the list's rules, apart from storage.
//! Each entry holds the diagram as the same JSON a file holds, so reading one back
//! goes through the same checks as opening a file.

use crate::text::Message;
use serde::{Deserialize, Serialize};

/// At most this many saved diagrams, so the browser's storage quota is not reached by
/// surprise.
pub const MAX_SAVED: usize = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub name: String,
    /// Milliseconds since 1970, as the browser's clock gives them.
    pub saved_at_ms: f64,
    pub json: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub entries: Vec<Saved>,
}

impl Library {
    /// Reads the stored list; anything unreadable gives an empty list (the caller keeps
    /// the unreadable text aside).
    pub fn from_text(text: &str) -> Result<Library, Message> {
        serde_json::from_str(text).map_err(|_| {
            msg!("The list of saved diagrams could not be read.", "Không đọc được danh sách các sơ đồ đã lưu.")
        })
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"entries\":[]}".into())
    }

    /// Saves under `name`, replacing a diagram of the same name; newest first.
    pub fn save(&mut self, name: &str, json: String, now_ms: f64) -> Result<(), Message> {
        let name = clean_name(name)?;
        self.entries.retain(|e| e.name != name);
        if self.entries.len() >= MAX_SAVED {
            return Err(msg!(
                "You can keep up to {MAX_SAVED} diagrams here; delete one first.",
                "Bạn chỉ giữ được tối đa {MAX_SAVED} sơ đồ ở đây; hãy xoá bớt một sơ đồ trước."
            ));
        }
        self.entries.insert(0, Saved { name, saved_at_ms: now_ms, json });
        Ok(())
    }

    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), Message> {
        let to = clean_name(to)?;
        if to != from && self.entries.iter().any(|e| e.name == to) {
            return Err(msg!("A diagram called “{to}” is already saved.", "Đã có một sơ đồ tên “{to}” được lưu."));
        }
        let entry = self.entries.iter_mut().find(|e| e.name == from).ok_or_else(gone)?;
        entry.name = to;
        Ok(())
    }

    pub fn delete(&mut self, name: &str) -> Option<Saved> {
        let at = self.entries.iter().position(|e| e.name == name)?;
        Some(self.entries.remove(at))
    }

    pub fn get(&self, name: &str) -> Option<&Saved> {
        self.entries.iter().find(|e| e.name == name)
    }
}

/// Said when a diagram was deleted or renamed in another tab meanwhile.
pub fn gone() -> Message {
    msg!("That diagram is no longer in the list.", "Sơ đồ đó không còn trong danh sách.")
}

fn clean_name(name: &str) -> Result<String, Message> {
    let name = name.trim();
    if name.is_empty() {
        return Err(msg!("Give the diagram a name.", "Hãy đặt tên cho sơ đồ."));
    }
    if name.chars().count() > crate::model::MAX_NAME_CHARS {
        return Err(crate::model::name_too_long());
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_rename_delete_keep_the_list_consistent() {
        let mut lib = Library::default();
        lib.save("Orders", "{}".into(), 1.0).unwrap();
        lib.save("Fan-out", "{\"a\":1}".into(), 2.0).unwrap();
        assert_eq!(lib.entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Fan-out", "Orders"]);
        // Saving under an existing name replaces it and moves it first.
        lib.save("Orders", "{\"v\":2}".into(), 3.0).unwrap();
        assert_eq!(lib.entries.len(), 2);
        assert_eq!(lib.entries[0].json, "{\"v\":2}");
        assert!(lib.rename("Orders", "Fan-out").unwrap_err().en.contains("already saved"));
        lib.rename("Orders", "Orders v2").unwrap();
        assert!(lib.get("Orders v2").is_some() && lib.get("Orders").is_none());
        assert!(lib.save("   ", "{}".into(), 4.0).is_err());
        assert_eq!(lib.delete("Fan-out").map(|e| e.name), Some("Fan-out".into()));
        assert_eq!(Library::from_text(&lib.to_text()).unwrap(), lib);
        assert!(Library::from_text("not json").is_err());
    }

    #[test]
    fn the_list_has_a_stated_limit() {
        let mut lib = Library::default();
        for i in 0..MAX_SAVED {
            lib.save(&format!("d{i}"), "{}".into(), 0.0).unwrap();
        }
        assert!(lib.save("one more", "{}".into(), 0.0).unwrap_err().en.contains("up to 50"));
        assert!(lib.save("d3", "{}".into(), 0.0).is_ok(), "replacing one is fine");
    }
}
