//! JSONPath as Amazon States Language uses it: syntax checks for Paths and
//! Reference Paths, intrinsic-function syntax (`States.Format(...)`), and a small
//! evaluator for Reference Paths (`$`, `$.a.b`, `$.a[0]`, `$['a b']`).

use serde_json::Value;

use crate::text::Message;

/// Which JSONPath forms a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// A Reference Path: names and indexes only, must select a single node
    /// (ResultPath, ItemsPath, `*Path` fields, Choice `Variable`).
    Reference,
    /// Any JSONPath: wildcards, descendants, slices, filters (InputPath, OutputPath,
    /// `.$` template values).
    Full,
}

/// Options for [`check_path`].
#[derive(Debug, Clone, Copy)]
pub struct PathRules {
    pub kind: PathKind,
    /// `$$` (the context object) is allowed.
    pub context: bool,
    /// `$name` (a workflow variable) is allowed.
    pub variables: bool,
}

/// Checks JSONPath syntax; the error says what is wrong in a few words, in both languages.
pub fn check_path(path: &str, rules: PathRules) -> Result<(), Message> {
    let rest = if let Some(rest) = path.strip_prefix("$$") {
        if !rules.context {
            return Err(msg!("the context object ($$) is not allowed here", "không được dùng context object ($$) ở đây"));
        }
        rest
    } else if let Some(rest) = path.strip_prefix('$') {
        let name_len = rest.chars().take_while(|c| is_name_char(*c)).map(char::len_utf8).sum::<usize>();
        if name_len > 0 && !rules.variables {
            return Err(msg!("variables ($name) are not allowed here", "không được dùng biến ($name) ở đây"));
        }
        &rest[name_len..]
    } else {
        return Err(msg!("a path must begin with \"$\"", "một path phải bắt đầu bằng \"$\""));
    };
    check_segments(rest, rules.kind)
}

fn is_name_char(c: char) -> bool {
    !(c.is_whitespace() || matches!(c, '.' | '[' | ']' | '(' | ')' | '\'' | '"' | ',' | '*' | '$' | '?' | '@'))
}

fn check_segments(mut rest: &str, kind: PathKind) -> Result<(), Message> {
    let full = kind == PathKind::Full;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("..") {
            if !full {
                return Err(msg!("descendant (..) is not allowed in a reference path", "không được dùng descendant (..) trong một reference path"));
            }
            rest = after;
            if rest.starts_with('[') {
                continue;
            }
            rest = step_name(rest, full)?;
        } else if let Some(after) = rest.strip_prefix('.') {
            rest = step_name(after, full)?;
        } else if rest.starts_with('[') {
            rest = step_bracket(rest, full)?;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            return Err(msg!("unexpected \"{c}\"", "ký tự \"{c}\" xuất hiện không đúng chỗ"));
        }
    }
    Ok(())
}

fn step_name(rest: &str, full: bool) -> Result<&str, Message> {
    if let Some(after) = rest.strip_prefix('*') {
        return if full {
            Ok(after)
        } else {
            Err(msg!("wildcards are not allowed in a reference path", "không được dùng wildcard trong một reference path"))
        };
    }
    let len: usize = rest.chars().take_while(|c| is_name_char(*c) || *c == '$' || *c == '@').map(char::len_utf8).sum();
    if len == 0 {
        return Err(msg!("a field name is missing after \".\"", "thiếu tên trường sau \".\""));
    }
    Ok(&rest[len..])
}

/// One `[...]` step; returns what follows the closing bracket.
fn step_bracket(rest: &str, full: bool) -> Result<&str, Message> {
    let end = matching_close(rest, '[', ']').ok_or_else(|| msg!("unclosed \"[\"", "\"[\" chưa được đóng"))?;
    let inner = rest[1..end].trim();
    let after = &rest[end + 1..];
    if inner.is_empty() {
        return Err(msg!("empty brackets", "cặp ngoặc vuông rỗng"));
    }
    if is_integer(inner) || is_quoted(inner) {
        return Ok(after);
    }
    if !full {
        return Err(msg!("[{inner}] is not allowed in a reference path", "không được dùng [{inner}] trong một reference path"));
    }
    let ok = inner == "*"
        || (inner.starts_with("?(") && inner.ends_with(')'))
        || (inner.starts_with('(') && inner.ends_with(')'))
        || is_slice(inner)
        || inner.split(',').all(|part| is_integer(part.trim()) || is_quoted(part.trim()));
    if ok {
        Ok(after)
    } else {
        Err(msg!("[{inner}] is not a valid JSONPath step", "[{inner}] không phải một bước JSONPath hợp lệ"))
    }
}

fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_quoted(s: &str) -> bool {
    s.len() >= 2
        && ((s.starts_with('\'') && s.ends_with('\'')) || (s.starts_with('"') && s.ends_with('"')))
}

fn is_slice(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| p.trim().is_empty() || is_integer(p.trim()))
}

/// Index of the bracket closing the one at the start of `s`, skipping quoted text
/// and nested brackets or parentheses.
fn matching_close(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            c if c == open || c == '(' || c == '[' => depth += 1,
            c if c == close || c == ')' || c == ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (c == close).then_some(i);
                }
            }
            _ => {}
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Intrinsic functions
// ---------------------------------------------------------------------------

/// The intrinsic functions Step Functions documents, with their argument counts.
const INTRINSICS: &[(&str, usize, usize)] = &[
    ("States.Format", 1, usize::MAX),
    ("States.StringToJson", 1, 1),
    ("States.JsonToString", 1, 1),
    ("States.Array", 0, usize::MAX),
    ("States.ArrayPartition", 2, 2),
    ("States.ArrayContains", 2, 2),
    ("States.ArrayRange", 3, 3),
    ("States.ArrayGetItem", 2, 2),
    ("States.ArrayLength", 1, 1),
    ("States.ArrayUnique", 1, 1),
    ("States.Base64Encode", 1, 1),
    ("States.Base64Decode", 1, 1),
    ("States.Hash", 2, 2),
    ("States.JsonMerge", 3, 3),
    ("States.MathRandom", 2, 3),
    ("States.MathAdd", 2, 2),
    ("States.StringSplit", 2, 2),
    ("States.UUID", 0, 0),
];

/// Functions whose arguments must be numbers (or paths giving numbers).
const NUMERIC_ARGS: &[&str] = &["States.MathAdd", "States.MathRandom", "States.ArrayRange"];

#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text,
    Number,
    Literal,
    Path,
    Call,
}

/// Checks an intrinsic function call such as `States.Format('{}', $.name)`.
pub fn check_intrinsic(text: &str) -> Result<(), Message> {
    let mut parser = IntrinsicParser { text, pos: 0, depth: 0 };
    parser.call()?;
    if parser.pos != text.len() {
        return Err(msg!("unexpected text after the call in \"{text}\"", "có phần thừa sau lời gọi hàm trong \"{text}\""));
    }
    Ok(())
}

/// Is this string meant as an intrinsic function call?
pub fn looks_like_intrinsic(text: &str) -> bool {
    text.starts_with("States.")
}

struct IntrinsicParser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl IntrinsicParser<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn skip_spaces(&mut self) {
        let skipped = self.rest().len() - self.rest().trim_start().len();
        self.pos += skipped;
    }

    fn call(&mut self) -> Result<(), Message> {
        self.depth += 1;
        if self.depth > 16 {
            return Err(msg!("intrinsic functions nested too deeply", "các intrinsic function lồng nhau quá sâu"));
        }
        let name_len = self
            .rest()
            .find('(')
            .ok_or_else(|| msg!("an intrinsic function needs \"(\"", "một intrinsic function cần có \"(\""))?;
        let name = &self.rest()[..name_len];
        let &(_, min, max) = INTRINSICS
            .iter()
            .find(|(known, _, _)| *known == name)
            .ok_or_else(|| msg!("\"{name}\" is not a known intrinsic function", "\"{name}\" không phải một intrinsic function của Step Functions"))?;
        let name = name.to_owned();
        self.pos += name_len + 1;
        let mut args = Vec::new();
        self.skip_spaces();
        if self.rest().starts_with(')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_spaces();
                args.push(self.argument()?);
                self.skip_spaces();
                match self.rest().chars().next() {
                    Some(',') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(msg!("expected \",\" or \")\" in {name}", "cần \",\" hoặc \")\" trong {name}")),
                }
            }
        }
        if args.len() < min || args.len() > max {
            let count = args.len();
            return Err(msg!("{name} does not take {count} argument(s)", "{name} không nhận {count} đối số"));
        }
        if NUMERIC_ARGS.contains(&name.as_str()) && args.iter().any(|a| matches!(a, Arg::Text | Arg::Literal)) {
            return Err(msg!("{name} arguments must be numbers or paths", "các đối số của {name} phải là số hoặc path"));
        }
        self.depth -= 1;
        Ok(())
    }

    fn argument(&mut self) -> Result<Arg, Message> {
        let rest = self.rest();
        if rest.starts_with('\'') {
            self.string_literal()?;
            return Ok(Arg::Text);
        }
        if rest.starts_with("States.") {
            self.call()?;
            return Ok(Arg::Call);
        }
        if rest.starts_with('$') {
            let len = path_argument_len(rest);
            check_path(rest[..len].trim_end(), PathRules { kind: PathKind::Full, context: true, variables: true })?;
            self.pos += len;
            return Ok(Arg::Path);
        }
        for word in ["null", "true", "false"] {
            if rest.starts_with(word) {
                self.pos += word.len();
                return Ok(Arg::Literal);
            }
        }
        let len = rest
            .find(|c: char| c == ',' || c == ')' || c.is_whitespace())
            .unwrap_or(rest.len());
        if len > 0 && rest[..len].parse::<f64>().is_ok() {
            self.pos += len;
            return Ok(Arg::Number);
        }
        let argument = &rest[..len.max(1).min(rest.len())];
        Err(msg!("\"{argument}\" is not a valid intrinsic function argument", "\"{argument}\" không phải một đối số hợp lệ của intrinsic function"))
    }

    fn string_literal(&mut self) -> Result<(), Message> {
        let mut escaped = false;
        for (i, c) in self.rest().char_indices().skip(1) {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '\'' {
                self.pos += i + 1;
                return Ok(());
            }
        }
        Err(msg!("unterminated string in intrinsic function", "chuỗi trong intrinsic function chưa được đóng"))
    }
}

/// Length of a path argument: up to the next `,` or `)` outside brackets.
fn path_argument_len(s: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '[' | '(' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            ',' if depth == 0 => return i,
            _ => {}
        }
    }
    s.len()
}

// ---------------------------------------------------------------------------
// Evaluation of Reference Paths
// ---------------------------------------------------------------------------

/// One step of a Reference Path: a field name or an array index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

/// The steps of a Reference Path (`$.a['b c'][0]` gives `a`, `b c`, `0`), read one at
/// a time so that resolving allocates nothing. Shared by [`resolve`] and by
/// `ResultPath`, which writes where the steps lead.
pub fn reference_steps(path: &str) -> ReferenceSteps<'_> {
    let rest = match path.strip_prefix('$') {
        _ if path.starts_with("$$") => Err("the context object ($$) is not available here".to_owned()),
        Some(rest) => Ok(rest),
        None => Err(format!("\"{path}\" does not begin with \"$\"")),
    };
    ReferenceSteps { path, rest }
}

/// The iterator [`reference_steps`] returns; an error ends it.
pub struct ReferenceSteps<'a> {
    path: &'a str,
    rest: Result<&'a str, String>,
}

impl<'a> Iterator for ReferenceSteps<'a> {
    type Item = Result<Step<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = self.path;
        let rest = match &self.rest {
            Ok(rest) if rest.is_empty() => return None,
            Ok(rest) => *rest,
            Err(e) => {
                let e = e.clone();
                self.rest = Ok("");
                return Some(Err(e));
            }
        };
        let (step, after) = match step_at(path, rest) {
            Ok(found) => found,
            Err(e) => {
                self.rest = Ok("");
                return Some(Err(e));
            }
        };
        self.rest = Ok(after);
        Some(Ok(step))
    }
}

/// The step at the start of `rest` (a part of `path`) and what follows it.
fn step_at<'a>(path: &str, rest: &'a str) -> Result<(Step<'a>, &'a str), String> {
    if let Some(after) = rest.strip_prefix('.') {
        let len = after.find(['.', '[']).unwrap_or(after.len());
        let name = &after[..len];
        if name.is_empty() {
            return Err(format!("\"{path}\" is not a valid reference path"));
        }
        return Ok((Step::Field(name), &after[len..]));
    }
    if rest.starts_with('[') {
        let end = matching_close(rest, '[', ']').ok_or_else(|| format!("\"{path}\" has an unclosed \"[\""))?;
        let inner = rest[1..end].trim();
        let step = if is_quoted(inner) {
            Step::Field(&inner[1..inner.len() - 1])
        } else if let Ok(index) = inner.parse::<usize>() {
            Step::Index(index)
        } else {
            return Err(format!("\"{path}\": [{inner}] is not supported in a reference path"));
        };
        return Ok((step, &rest[end + 1..]));
    }
    Err(format!("\"{path}\" is not a valid reference path"))
}

/// Resolves a Reference Path (`$`, `$.a.b`, `$.a[0]`, `$['a']`) against `input`.
/// `Ok(None)` means the path is well formed but selects nothing.
pub fn resolve<'a>(path: &str, input: &'a Value) -> Result<Option<&'a Value>, String> {
    let mut current = input;
    for step in reference_steps(path) {
        let next = match step? {
            Step::Field(name) => current.get(name),
            Step::Index(index) => current.get(index),
        };
        match next {
            Some(next) => current = next,
            None => return Ok(None),
        }
    }
    Ok(Some(current))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const REFERENCE: PathRules = PathRules { kind: PathKind::Reference, context: false, variables: false };
    const FULL: PathRules = PathRules { kind: PathKind::Full, context: true, variables: true };

    #[test]
    fn reference_paths() {
        for ok in ["$", "$.a", "$.a.b-c", "$.a[0]", "$['a b'].c", "$.a[-1]"] {
            assert!(check_path(ok, REFERENCE).is_ok(), "{ok}");
        }
        for bad in ["", "a", ".a", "..a", "$...", "$.", "$.a[*]", "$..a", "$.a[1:2]", "$foo", "$$.x", "()"] {
            assert!(check_path(bad, REFERENCE).is_err(), "{bad}");
        }
    }

    #[test]
    fn full_paths() {
        for ok in ["$..a", "$.a[*].b", "$.a[1:3]", "$.a[?(@.p < 10)].t", "$[(@.length-1)].x", "$$.Execution.Id", "$var.x", "$.a[0,1]"] {
            assert!(check_path(ok, FULL).is_ok(), "{ok}");
        }
        for bad in ["$.a[", "$.a[]", "x$"] {
            assert!(check_path(bad, FULL).is_err(), "{bad}");
        }
    }

    #[test]
    fn intrinsic_functions() {
        for ok in [
            "States.Format('Hi {}, it\\'s {}', $.name, $.day)",
            "States.Array('a', 1, $.x, null)",
            "States.UUID()",
            "States.MathAdd($.a, -1)",
            "States.ArrayGetItem($.list[?(@.k == v)].x, 0)",
            "States.JsonToString(States.StringToJson($.s))",
        ] {
            assert!(check_intrinsic(ok).is_ok(), "{ok}");
        }
        for bad in ["States.Xyz($.a)", "States.UUID(1)", "States.MathAdd(1,'-1')", "States.Format('x'", "States.Array(1) x"] {
            assert!(check_intrinsic(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn resolves_reference_paths() {
        let input = json!({"a": {"b": [10, 20]}, "c d": true});
        assert_eq!(resolve("$", &input).expect("ok"), Some(&input));
        assert_eq!(resolve("$.a.b[1]", &input).expect("ok"), Some(&json!(20)));
        assert_eq!(resolve("$['c d']", &input).expect("ok"), Some(&json!(true)));
        assert_eq!(resolve("$.a.x", &input).expect("ok"), None);
        assert!(resolve("a", &input).is_err());
    }
}
