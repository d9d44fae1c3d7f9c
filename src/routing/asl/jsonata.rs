//! A syntax check for JSONata expressions in `{% ... %}` strings (states whose
//! `QueryLanguage` is `JSONata`). It parses the expression with JSONata's operator
//! precedences and reports the first syntax error; it does not evaluate anything.

use crate::text::Message;

/// Checks a whole field value: `{% expr %}` is parsed, other strings are literals.
/// A string that opens `{%` without closing `%}` (or the reverse) is refused.
pub fn check_template_string(text: &str) -> Result<(), Message> {
    let opens = text.starts_with("{%");
    let closes = text.ends_with("%}");
    match (opens, closes) {
        (true, true) if text.len() >= 4 => check_expression(&text[2..text.len() - 2]),
        (false, false) => Ok(()),
        _ => Err(msg!(
            "\"{text}\" must be a JSONata expression enclosed in {{% %}}",
            "\"{text}\" phải là một biểu thức JSONata nằm trong {{% %}}"
        )),
    }
}

/// Is this string a `{% ... %}` expression?
pub fn is_expression(text: &str) -> bool {
    text.len() >= 4 && text.starts_with("{%") && text.ends_with("%}")
}

/// Parses a JSONata expression and reports the first syntax error.
pub fn check_expression(source: &str) -> Result<(), Message> {
    let tokens = tokenize(source)?;
    if tokens.is_empty() {
        return Err(msg!("the JSONata expression is empty", "biểu thức JSONata đang trống"));
    }
    let mut parser = Parser { tokens, pos: 0, depth: 0 };
    parser.expression(0)?;
    match parser.peek() {
        None => Ok(()),
        Some(t) => Err(unexpected(t)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number,
    Str,
    Name(String),
    Var,
    Regex,
    Op(&'static str),
}

impl Token {
    /// What the token is, as a noun in each language (filled into a whole sentence).
    fn describe(&self) -> Message {
        match self {
            Token::Number => msg!("number", "số"),
            Token::Str => msg!("string", "chuỗi"),
            Token::Name(n) => msg!("name \"{n}\"", "tên \"{n}\""),
            Token::Var => msg!("variable", "biến"),
            Token::Regex => msg!("regular expression", "biểu thức chính quy"),
            Token::Op(op) => msg!("\"{op}\"", "ký hiệu \"{op}\""),
        }
    }
}

/// "unexpected number", and so on.
fn unexpected(token: &Token) -> Message {
    let Message { en, vi } = token.describe();
    msg!("JSONata syntax error: unexpected {en}", "Lỗi cú pháp JSONata: {vi} xuất hiện không đúng chỗ")
}

/// "expected X, found Y" for the three places a particular token must come next.
fn found(token: &Token, expected: Expected) -> Message {
    let Message { en: found_en, vi: found_vi } = token.describe();
    match expected {
        Expected::Op(op) => msg!(
            "JSONata syntax error: expected \"{op}\", found {found_en}",
            "Lỗi cú pháp JSONata: cần \"{op}\" nhưng gặp {found_vi}"
        ),
        Expected::Parameter => msg!(
            "JSONata syntax error: function parameters must be variables, found {found_en}",
            "Lỗi cú pháp JSONata: tham số của function phải là biến, nhưng gặp {found_vi}"
        ),
        Expected::Variable => msg!(
            "JSONata syntax error: expected a variable, found {found_en}",
            "Lỗi cú pháp JSONata: cần một biến, nhưng gặp {found_vi}"
        ),
    }
}

enum Expected<'a> {
    Op(&'a str),
    Parameter,
    Variable,
}

const OPERATORS: &[&str] = &[
    ":=", "!=", "<=", ">=", "~>", "**", "..", "?:", "??", ".", "[", "]", "{", "}", "(", ")", ",", ":",
    ";", "?", "+", "-", "*", "/", "%", "&", "|", "=", "<", ">", "^", "@", "#",
];

fn tokenize(source: &str) -> Result<Vec<Token>, Message> {
    let mut tokens = Vec::new();
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if rest.starts_with("/*") {
            let end = rest
                .find("*/")
                .ok_or_else(|| msg!("unclosed comment in JSONata expression", "chú thích trong biểu thức JSONata chưa được đóng"))?;
            rest = &rest[end + 2..];
            continue;
        }
        let (token, len) = next_token(rest, tokens.last())?;
        tokens.push(token);
        rest = &rest[len..];
    }
    Ok(tokens)
}

fn next_token(rest: &str, previous: Option<&Token>) -> Result<(Token, usize), Message> {
    let c = rest.chars().next().unwrap_or(' ');
    if c == '"' || c == '\'' {
        return quoted_len(rest, c).map(|len| (Token::Str, len));
    }
    if c == '`' {
        let end = rest[1..]
            .find('`')
            .ok_or_else(|| msg!("unclosed ` name in JSONata expression", "tên đặt trong ` của biểu thức JSONata chưa được đóng"))?;
        return Ok((Token::Name(rest[1..end + 1].to_owned()), end + 2));
    }
    if c.is_ascii_digit() {
        return Ok((Token::Number, number_len(rest)));
    }
    if c == '$' {
        let len = 1 + rest[1..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').map(char::len_utf8).sum::<usize>();
        return Ok((Token::Var, len));
    }
    if c == '/' && !ends_operand(previous) {
        return regex_len(rest).map(|len| (Token::Regex, len));
    }
    if let Some(op) = OPERATORS.iter().find(|op| rest.starts_with(**op)) {
        return Ok((Token::Op(op), op.len()));
    }
    if c.is_alphabetic() || c == '_' || c == 'λ' {
        let len = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == 'λ').map(char::len_utf8).sum();
        return Ok((Token::Name(rest[..len].to_owned()), len));
    }
    Err(msg!("JSONata syntax error: unexpected character \"{c}\"", "Lỗi cú pháp JSONata: ký tự \"{c}\" xuất hiện không đúng chỗ"))
}

/// Does this token end an operand (so a following `/` is division, not a regex)?
fn ends_operand(token: Option<&Token>) -> bool {
    match token {
        None => false,
        Some(Token::Op(op)) => matches!(*op, ")" | "]" | "}" | "*"),
        Some(Token::Name(n)) => !matches!(n.as_str(), "and" | "or" | "in"),
        Some(_) => true,
    }
}

fn quoted_len(rest: &str, quote: char) -> Result<usize, Message> {
    let mut escaped = false;
    for (i, c) in rest.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return Ok(i + 1);
        }
    }
    Err(msg!("unterminated string in JSONata expression", "chuỗi trong biểu thức JSONata chưa được đóng"))
}

fn regex_len(rest: &str) -> Result<usize, Message> {
    let body = quoted_len(rest, '/')?;
    let flags: usize = rest[body..].chars().take_while(|c| c.is_ascii_lowercase()).count();
    Ok(body + flags)
}

/// JSONata numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?` (the sign is
/// an operator here). A dot not followed by a digit is left for the parser.
fn number_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let digits = |from: usize| bytes.iter().skip(from).take_while(|b| b.is_ascii_digit()).count();
    let mut len = digits(0);
    if bytes.get(len) == Some(&b'.') && bytes.get(len + 1).is_some_and(u8::is_ascii_digit) {
        len += 1 + digits(len + 1);
    }
    if matches!(bytes.get(len), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(len + 1), Some(b'+' | b'-')));
        let exp = digits(len + 1 + sign);
        if exp > 0 {
            len += 1 + sign + exp;
        }
    }
    len
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

fn binding_power(token: &Token) -> u8 {
    match token {
        Token::Op(op) => match *op {
            "." => 75,
            "[" | "(" | "@" | "#" | "^" => 80,
            "{" => 70,
            "*" | "/" | "%" => 60,
            "+" | "-" | "&" => 50,
            "=" | "<" | ">" | "!=" | "<=" | ">=" | "~>" | "??" | "?:" => 40,
            "?" => 20,
            ".." => 20,
            ":=" => 10,
            _ => 0,
        },
        Token::Name(n) if n == "and" => 30,
        Token::Name(n) if n == "or" => 25,
        Token::Name(n) if n == "in" => 40,
        _ => 0,
    }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Result<Token, Message> {
        let token = self.tokens.get(self.pos).cloned().ok_or_else(|| {
            msg!("JSONata syntax error: unexpected end of expression", "Lỗi cú pháp JSONata: biểu thức kết thúc quá sớm")
        })?;
        self.pos += 1;
        Ok(token)
    }

    fn at(&self, op: &str) -> bool {
        self.peek() == Some(&Token::Op(leak(op)))
    }

    fn expect(&mut self, op: &str) -> Result<(), Message> {
        match self.next()? {
            Token::Op(found) if found == op => Ok(()),
            other => Err(found(&other, Expected::Op(op))),
        }
    }

    fn expression(&mut self, rbp: u8) -> Result<(), Message> {
        self.depth += 1;
        if self.depth > 64 {
            return Err(msg!("JSONata expression nested too deeply", "biểu thức JSONata lồng nhau quá sâu"));
        }
        let token = self.next()?;
        self.prefix(token)?;
        while let Some(next) = self.peek() {
            if binding_power(next) <= rbp {
                break;
            }
            let token = self.next()?;
            self.infix(token)?;
        }
        self.depth -= 1;
        Ok(())
    }

    /// A comma-separated list up to `close` (which may be empty).
    fn list(&mut self, close: &str, item: fn(&mut Parser) -> Result<(), Message>) -> Result<(), Message> {
        if self.at(close) {
            return self.expect(close);
        }
        loop {
            item(self)?;
            if self.at(",") {
                self.expect(",")?;
            } else {
                return self.expect(close);
            }
        }
    }

    fn pair(&mut self) -> Result<(), Message> {
        self.expression(0)?;
        self.expect(":")?;
        self.expression(0)
    }

    fn argument(&mut self) -> Result<(), Message> {
        if self.at("?") {
            return self.expect("?");
        }
        self.expression(0)
    }

    fn prefix(&mut self, token: Token) -> Result<(), Message> {
        match token {
            Token::Number | Token::Str | Token::Var | Token::Regex => Ok(()),
            Token::Name(name) if name == "function" || name == "λ" => self.lambda(),
            Token::Name(_) => Ok(()),
            Token::Op("-") => self.expression(70),
            Token::Op("*" | "**") => Ok(()),
            Token::Op("(") => {
                if self.at(")") {
                    return self.expect(")");
                }
                loop {
                    self.expression(0)?;
                    if self.at(";") {
                        self.expect(";")?;
                        if self.at(")") {
                            return self.expect(")");
                        }
                    } else {
                        return self.expect(")");
                    }
                }
            }
            Token::Op("[") => self.list("]", |p| p.expression(0)),
            Token::Op("{") => self.list("}", Parser::pair),
            other => Err(unexpected(&other)),
        }
    }

    fn lambda(&mut self) -> Result<(), Message> {
        self.expect("(")?;
        self.list(")", |p| match p.next()? {
            Token::Var => Ok(()),
            other => Err(found(&other, Expected::Parameter)),
        })?;
        if self.at("<") {
            // A type signature such as <n-n:n>; skip to the closing '>'.
            while !self.at(">") {
                self.next()?;
            }
            self.expect(">")?;
        }
        self.expect("{")?;
        self.expression(0)?;
        self.expect("}")
    }

    fn infix(&mut self, token: Token) -> Result<(), Message> {
        match token {
            Token::Op("[") => {
                if self.at("]") {
                    return self.expect("]");
                }
                self.expression(0)?;
                self.expect("]")
            }
            Token::Op("(") => self.list(")", Parser::argument),
            Token::Op("{") => self.list("}", Parser::pair),
            Token::Op("?") => {
                self.expression(0)?;
                if self.at(":") {
                    self.expect(":")?;
                    self.expression(0)?;
                }
                Ok(())
            }
            Token::Op("@" | "#") => match self.next()? {
                Token::Var => Ok(()),
                other => Err(found(&other, Expected::Variable)),
            },
            Token::Op("^") => {
                self.expect("(")?;
                self.list(")", |p| {
                    if p.at("<") || p.at(">") {
                        p.next()?;
                    }
                    p.expression(0)
                })
            }
            Token::Op(":=") => self.expression(9),
            ref t => {
                let bp = binding_power(t);
                self.expression(bp)
            }
        }
    }
}

/// Operators are compared by value; this maps a `&str` to the matching static one.
fn leak(op: &str) -> &'static str {
    OPERATORS.iter().find(|known| **known == op).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_expressions() {
        for ok in [
            "$states.input.items",
            "10 + 2 * 3",
            "$sum($states.input.prices)",
            "$states.input.a ? 'yes' : 'no'",
            "$count($states.input.list[price > 10])",
            "($x := 1; $y := $x + 1; $y)",
            "{'a': 1, 'b': [1, 2, 3]}",
            "$map($states.input, function($v) { $v * 2 })",
            "$states.input.items{category: $sum(price)}",
            "$not(null in $each($x, function($v) { $length($trim($v)) > 0 ? $v : null }))",
            "$a & ' ' & $b",
            "[1..5]",
            "$uuid()",
        ] {
            assert!(check_expression(ok).is_ok(), "{ok}: {:?}", check_expression(ok));
        }
    }

    #[test]
    fn refuses_syntax_errors() {
        for bad in ["10 + * 2", "$sum($x", "420.", "$.store.book[?(@.price < 10)].title", "", "(1;", "{'a' 1}"] {
            assert!(check_expression(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn template_strings_need_both_delimiters() {
        assert!(check_template_string("{% 1 + 1 %}").is_ok());
        assert!(check_template_string("plain text").is_ok());
        assert!(check_template_string("{% 10 %").is_err());
        assert!(check_template_string("10 %}").is_err());
    }
}
