//! Validation of Lua scripts before they reach Envoy, as strict as the fleet's EnvoyProxy asks
//! (`lua.validationType`, or the deprecated `luaValidation`; `Strict` by default).
//!
//! Envoy Gateway runs each entry point the script names (`envoy_on_request`, then
//! `envoy_on_response`) in a Lua interpreter against a mock of Envoy's stream-handle API: it loads
//! the script followed by a line that calls the entry point, and reports the first error. Without an
//! interpreter, this checks what can be seen in the source:
//! - every mode but `Disabled`: the script names an entry point, lexes, and its blocks are balanced
//!   (`function`/`if`/`do`/`repeat` closed, `if` conditions ended by `then`, loops by `do`);
//! - `Strict` also: the entry point is defined, and its body calls only methods the stream handle has
//!   (`handle:Method(...)` on its handle parameter), reported with the interpreter's stack traceback.

use gwapi_model::envoy_gateway::{EnvoyProxy, LuaValidation};

use super::lua_lexer::{Token, TokenKind, tokenize};

/// The entry points Envoy calls, in the order they are validated.
const ENTRY_POINTS: [&str; 2] = ["envoy_on_request", "envoy_on_response"];

/// The methods of Envoy's Lua stream handle (`envoy.filters.http.lua`).
const STREAM_HANDLE_API: [&str; 26] = [
    "headers",
    "body",
    "bodyChunks",
    "trailers",
    "metadata",
    "streamInfo",
    "connection",
    "connectionStreamInfo",
    "logTrace",
    "logDebug",
    "logInfo",
    "logWarn",
    "logErr",
    "logCritical",
    "httpCall",
    "respond",
    "clearRouteCache",
    "importPublicKey",
    "verifySignature",
    "base64Escape",
    "timestamp",
    "timestampString",
    "filterContext",
    "setUpstreamOverrideHost",
    "virtualHost",
    "route",
];

/// The chunk name the interpreter gives a script loaded from a string.
const CHUNK: &str = "<string>";

/// The validation mode of the fleet configured by `proxy`.
pub(super) fn mode(proxy: Option<&EnvoyProxy>) -> LuaValidation {
    proxy
        .and_then(|p| {
            p.spec
                .lua
                .as_ref()
                .and_then(|l| l.validation_type.clone())
                .or_else(|| p.spec.lua_validation.clone())
        })
        .unwrap_or(LuaValidation::Strict)
}

/// Checks `code` under `mode`; the reason it is invalid otherwise.
pub(super) fn validate(code: &str, mode: &LuaValidation) -> Result<(), String> {
    if *mode == LuaValidation::Disabled {
        return Ok(());
    }
    if !ENTRY_POINTS.iter().any(|e| code.contains(e)) {
        return Err(
            "expected one of envoy_on_request() or envoy_on_response() to be defined".to_owned(),
        );
    }
    let strict = !matches!(mode, LuaValidation::InsecureSyntax);
    for entry in ENTRY_POINTS.iter().filter(|e| code.contains(**e)) {
        let chunk = format!("{code}\n{entry}(StreamHandle)");
        check_chunk(&chunk, entry, strict)
            .map_err(|e| format!("failed to validate with {entry}: {e}"))?;
    }
    Ok(())
}

/// Checks the script with its entry-point call appended (`chunk`).
fn check_chunk(chunk: &str, entry: &str, strict: bool) -> Result<(), String> {
    let tokens = tokenize(chunk).map_err(|e| {
        format!(
            "{CHUNK} line:{}(column:{}) near '{}':   {}\n",
            e.line, e.column, e.near, e.message
        )
    })?;
    check_blocks(&tokens).map_err(|near| match near {
        Some(t) => format!(
            "{CHUNK} line:{}(column:{}) near '{}':   syntax error\n",
            t.line, t.column, t.text
        ),
        None => format!("{CHUNK} at EOF:   syntax error\n"),
    })?;
    if strict {
        check_handle_calls(&tokens, entry)?;
    }
    Ok(())
}

/// An open block, or the head of one that still waits for the keyword that starts its body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `function ... end`, `do ... end`, a loop's body, an `if` branch.
    Block,
    /// An `if`/`elseif` condition, waiting for `then`.
    IfHead,
    /// An `if` branch, which `elseif`, `else` or `end` follows.
    IfBody,
    /// A `while`/`for` head, waiting for `do`.
    LoopHead,
    /// `repeat ... until`.
    Repeat,
}

/// Whether `t` ends an operand of an expression.
fn ends_operand(t: &Token<'_>) -> bool {
    matches!(
        t.kind,
        TokenKind::Name | TokenKind::Number | TokenKind::String
    ) || [")", "]", "}", "nil", "true", "false", "..."]
        .iter()
        .any(|s| t.is(s))
}

/// Whether `t` cannot follow a complete operand inside a condition.
fn bad_after_operand(t: &Token<'_>) -> bool {
    matches!(t.kind, TokenKind::Name | TokenKind::Number)
        || [
            "nil", "true", "false", "not", "function", "...", "local", "return", "break", "goto",
            "end", "else", "elseif", "until", "if", "while", "for", "repeat",
        ]
        .iter()
        .any(|s| t.is(s))
}

/// Checks that blocks are balanced; the token where they are not (`None`: at the end).
fn check_blocks<'t, 'a>(tokens: &'t [Token<'a>]) -> Result<(), Option<&'t Token<'a>>> {
    let mut stack: Vec<Open> = Vec::new();
    let mut previous: Option<&Token<'_>> = None;
    for t in tokens {
        let top = stack.last().copied();
        let in_head = matches!(top, Some(Open::IfHead | Open::LoopHead));
        if in_head
            && !t.is("then")
            && !t.is("do")
            && previous.is_some_and(ends_operand)
            && bad_after_operand(t)
        {
            return Err(Some(t));
        }
        let replace_top = |stack: &mut Vec<Open>, open: Open| {
            stack.pop();
            stack.push(open);
        };
        match (t.kind, t.text) {
            (TokenKind::Keyword, "if") => stack.push(Open::IfHead),
            (TokenKind::Keyword, "while" | "for") => stack.push(Open::LoopHead),
            (TokenKind::Keyword, "repeat") => stack.push(Open::Repeat),
            (TokenKind::Keyword, "then") if top == Some(Open::IfHead) => {
                replace_top(&mut stack, Open::IfBody);
            }
            (TokenKind::Keyword, "elseif") if top == Some(Open::IfBody) => {
                replace_top(&mut stack, Open::IfHead);
            }
            (TokenKind::Keyword, "else") if top == Some(Open::IfBody) => {}
            (TokenKind::Keyword, "do") if top == Some(Open::LoopHead) => {
                replace_top(&mut stack, Open::Block);
            }
            (TokenKind::Keyword, "function" | "do") => stack.push(Open::Block),
            (TokenKind::Keyword, "end") if matches!(top, Some(Open::Block | Open::IfBody)) => {
                stack.pop();
            }
            (TokenKind::Keyword, "until") if top == Some(Open::Repeat) => {
                stack.pop();
            }
            (TokenKind::Keyword, "then" | "elseif" | "else" | "end" | "until") => {
                return Err(Some(t));
            }
            _ => {}
        }
        previous = Some(t);
    }
    if stack.is_empty() { Ok(()) } else { Err(None) }
}

/// Where the entry point is defined: the index of its parameter list's `(`.
fn definition(tokens: &[Token<'_>], entry: &str) -> Option<usize> {
    tokens.windows(4).enumerate().find_map(|(i, w)| match w {
        [f, name, open, _] if f.is("function") && name.text == entry && open.is("(") => Some(i + 2),
        [name, eq, f, open]
            if name.kind == TokenKind::Name
                && name.text == entry
                && eq.is("=")
                && f.is("function")
                && open.is("(") =>
        {
            Some(i + 3)
        }
        _ => None,
    })
}

/// Runs, in effect, the appended call of `entry`: the entry point must exist, and its body may call
/// only methods of the stream handle on its handle parameter.
fn check_handle_calls(tokens: &[Token<'_>], entry: &str) -> Result<(), String> {
    let main_line = tokens.last().map_or(1, |t| t.line);
    let Some(open) = definition(tokens, entry) else {
        return Err(format!(
            "{CHUNK}:{main_line}: attempt to call a non-function object\nstack traceback:\n\t\
             {CHUNK}:{main_line}: in main chunk\n\t[G]: ?"
        ));
    };
    let rest = tokens.get(open + 1..).unwrap_or_default();
    let handle = match rest.first() {
        Some(t) if t.kind == TokenKind::Name => t.text,
        _ => return Ok(()),
    };
    let Some(close) = rest.iter().position(|t| t.is(")")) else {
        return Ok(());
    };
    let body = rest.get(close + 1..).unwrap_or_default();
    // Depth of blocks inside the entry point; nested function bodies are not run by the call.
    let mut depth = 0usize;
    let mut functions: Vec<usize> = Vec::new();
    for (i, t) in body.iter().enumerate() {
        match t.text {
            "function" | "if" | "do" | "repeat" if t.kind == TokenKind::Keyword => {
                if t.text == "function" {
                    functions.push(depth);
                }
                depth += 1;
            }
            "end" | "until" if t.kind == TokenKind::Keyword => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
                if functions.last() == Some(&depth) {
                    functions.pop();
                }
            }
            _ => {}
        }
        if !functions.is_empty() || t.kind != TokenKind::Name || t.text != handle {
            continue;
        }
        let field = i
            .checked_sub(1)
            .and_then(|p| body.get(p))
            .is_some_and(|p| p.is(".") || p.is(":"));
        let (Some(colon), Some(method), Some(args)) =
            (body.get(i + 1), body.get(i + 2), body.get(i + 3))
        else {
            continue;
        };
        let is_call = colon.is(":")
            && method.kind == TokenKind::Name
            && (args.is("(") || args.is("{") || args.kind == TokenKind::String);
        if is_call && !field && !STREAM_HANDLE_API.contains(&method.text) {
            let line = t.line;
            return Err(format!(
                "{CHUNK}:{line}: attempt to call a non-function object\nstack traceback:\n\t\
                 {CHUNK}:{line}: in function '{entry}'\n\t{CHUNK}:{main_line}: in main chunk\n\t\
                 [G]: ?"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use gwapi_model::envoy_gateway::LuaValidation;

    use super::validate;

    const STRICT: LuaValidation = LuaValidation::Strict;

    #[test]
    fn unknown_handle_method_is_reported_with_its_traceback() {
        let code = "function envoy_on_response(response_handle) response_handle:UnknownApi() end";
        assert_eq!(
            validate(code, &STRICT).unwrap_err(),
            "failed to validate with envoy_on_response: <string>:1: attempt to call a \
             non-function object\nstack traceback:\n\t<string>:1: in function \
             'envoy_on_response'\n\t<string>:2: in main chunk\n\t[G]: ?"
        );
    }

    #[test]
    fn lines_count_from_the_script_and_the_appended_call() {
        let code = "-- header\nfunction envoy_on_request(h)\n  h:logInfo('ok')\n  \
                    h:headers():add('a', 'b')\n  h:nope()\nend\n";
        let error = validate(code, &STRICT).unwrap_err();
        assert!(
            error.starts_with(
                "failed to validate with envoy_on_request: <string>:5: attempt to call"
            ),
            "{error}"
        );
        assert!(error.contains("\n\t<string>:8: in main chunk"), "{error}");
    }

    #[test]
    fn calls_inside_strings_comments_and_nested_functions_do_not_count() {
        let code = "function envoy_on_request(h)\n  h:logInfo('h:Foo(')\n  -- h:Bar()\n  \
                    --[[ h:Baz() ]]\n  local s = [[h:Qux()]]\n  local f = function(h) \
                    h:Other() end\n  x.h:Field()\nend";
        assert_eq!(validate(code, &STRICT), Ok(()));
    }

    #[test]
    fn every_stream_handle_method_is_accepted() {
        for method in super::STREAM_HANDLE_API {
            let code = format!("function envoy_on_response(r)\n  r:{method}()\nend");
            assert_eq!(validate(&code, &STRICT), Ok(()), "{method}");
        }
    }

    #[test]
    fn request_is_checked_before_response() {
        let code = "function envoy_on_response(r) r:b1() end\nfunction envoy_on_request(q) \
                    q:a1() end";
        let error = validate(code, &STRICT).unwrap_err();
        assert!(error.starts_with("failed to validate with envoy_on_request: <string>:2:"));
    }

    #[test]
    fn a_named_but_undefined_entry_point_cannot_be_called() {
        let code = "-- envoy_on_request\nfunction envoy_on_response(r) end";
        assert_eq!(
            validate(code, &STRICT).unwrap_err(),
            "failed to validate with envoy_on_request: <string>:3: attempt to call a \
             non-function object\nstack traceback:\n\t<string>:3: in main chunk\n\t[G]: ?"
        );
    }

    #[test]
    fn unbalanced_blocks_are_syntax_errors_in_every_checking_mode() {
        let missing_then = "function envoy_on_response(r)\n  local value = 10\n  if value > 5\n    \
                            print('x')\n  end\nend\n";
        for mode in [LuaValidation::Strict, LuaValidation::InsecureSyntax] {
            assert_eq!(
                validate(missing_then, &mode).unwrap_err(),
                "failed to validate with envoy_on_response: <string> line:4(column:5) near \
                 'print':   syntax error\n"
            );
        }
        assert_eq!(
            validate("function envoy_on_request(r)\n if r then\n end", &STRICT).unwrap_err(),
            "failed to validate with envoy_on_request: <string> at EOF:   syntax error\n"
        );
        assert_eq!(validate(missing_then, &LuaValidation::Disabled), Ok(()));
    }

    #[test]
    fn syntax_mode_does_not_check_handle_calls() {
        let code = "function envoy_on_response(r) r:UnknownApi() end";
        assert_eq!(validate(code, &LuaValidation::InsecureSyntax), Ok(()));
    }

    #[test]
    fn loops_and_branches_balance() {
        let code = "function envoy_on_request(h)\n for i = 1, 3 do\n  while false do end\n \
                    end\n repeat local x = 1 until x == 1\n if a then elseif b then else end\n \
                    for k, v in pairs(h:headers()) do h:logInfo(k .. v) end\nend";
        assert_eq!(validate(code, &STRICT), Ok(()));
    }

    #[test]
    fn scripts_without_an_entry_point_are_refused() {
        assert_eq!(
            validate("print(1)", &STRICT).unwrap_err(),
            "expected one of envoy_on_request() or envoy_on_response() to be defined"
        );
    }
}
