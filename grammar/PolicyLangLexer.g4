// The tokens of PolicyLang. No actions and no target-specific code: the C# lexer is generated at build time.
lexer grammar PolicyLangLexer;

// Comments. Doc comments (///) and ordinary comments travel on separate channels so that the
// converter can attach docs to declarations and the formatter can keep comments.
DOC_COMMENT     : '///' ~[\r\n]* -> channel(2);
LINE_COMMENT    : '//' ~[\r\n]* -> channel(3);
BLOCK_COMMENT   : '/*' .*? ('*/' | EOF) -> channel(3);
NEWLINE         : ('\r'? '\n' | '\r') -> channel(HIDDEN);
WS              : [ \t\f]+ -> channel(HIDDEN);

// Hard keywords: never identifiers (but they may still be field names after '.').
PACKAGE : 'package';
IMPORT  : 'import';
RULE    : 'rule';
ON      : 'on';
WHEN    : 'when';
FOR     : 'for';
IN      : 'in';
WHERE   : 'where';
LET     : 'let';
IF      : 'if';
THEN    : 'then';
ELSE    : 'else';
DENY    : 'deny';
WARN    : 'warn';
AUDIT   : 'audit';
ALERT   : 'alert';
MUTATE  : 'mutate';
AT      : 'at';
FUNC    : 'func';
LIST    : 'list';
CONST   : 'const';
PARAM   : 'param';
TEST    : 'test';
EXPECT  : 'expect';
GIVEN   : 'given';
AND     : 'and';
OR      : 'or';
NOT     : 'not';
TRUE    : 'true';
FALSE   : 'false';
NULL    : 'null';

// Soft keywords: keywords in their own clause, identifiers everywhere else.
AS      : 'as';
MATCH   : 'match';
EXCLUDE : 'exclude';
EXCEPT  : 'except';
BECAUSE : 'because';
FROM    : 'from';
WITH    : 'with';
NO      : 'no';
ANY     : 'any';
ALL     : 'all';
COUNT   : 'count';
SET     : 'set';
REMOVE  : 'remove';
MESSAGE : 'message';

// Operators and punctuation.
EQ          : '==';
NEQ         : '!=';
LE          : '<=';
GE          : '>=';
LT          : '<';
GT          : '>';
DEFAULT_OP  : '??';
PLUS        : '+';
MINUS       : '-';
STAR        : '*';
SLASH       : '/';
PERCENT     : '%';
ASSIGN      : '=';
DOT         : '.';
COMMA       : ',';
COLON       : ':';
SEMI        : ';';
LPAREN      : '(';
RPAREN      : ')';
LBRACK      : '[';
RBRACK      : ']';
LBRACE      : '{';
RBRACE      : '}';
AT_SIGN     : '@';

// Literals.
FLOAT       : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT;
INT         : DIGITS;
// A raw, multi-line string (fixtures, long messages): no escapes, no interpolation; common indentation is removed.
RAW_STRING  : '"""' .*? '"""';
// A string may hold {expression} interpolations, which may themselves contain simple strings.
STRING      : '"' (ESCAPE | INTERPOLATION | ~["\\{\r\n])* '"';
// A string that reaches the end of its line without closing: reported as an error, lexing goes on.
UNTERMINATED_STRING : '"' (ESCAPE | INTERPOLATION | ~["\\{\r\n])*;

IDENT       : [a-zA-Z_] [a-zA-Z0-9_]*;
// Backquoted identifiers name fields that are not valid identifiers (e.g. `kubernetes.io/hostname`).
QUOTED_IDENT: '`' ~[`\r\n]+ '`';

// Anything else is one error token: the parser reports it as PL0001 and goes on.
ERROR_CHAR  : .;

fragment DIGITS        : [0-9]+ ('_' [0-9]+)*;
fragment EXPONENT      : [eE] [+-]? [0-9]+;
// Any escaped character lexes; the converter reports the ones that are not escapes (PL0005).
fragment ESCAPE        : '\\' ~[\r\n];
fragment HEX           : [0-9a-fA-F];
fragment INTERPOLATION : '{' (INNER_STRING | INTERPOLATION | ~["{}\r\n])* '}';
fragment INNER_STRING  : '"' (ESCAPE | ~["\\\r\n])* '"';
