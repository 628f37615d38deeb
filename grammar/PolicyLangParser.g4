// The syntax of PolicyLang. No actions and no target-specific code: the C# parser is generated at build time
// and consumed only by compiler/PolicyLang.Compiler/Parsing/ParseTreeToAst.cs.
parser grammar PolicyLangParser;

options { tokenVocab = PolicyLangLexer; }

compilationUnit
    : packageDecl? importDecl* declaration* EOF
    ;

packageDecl : annotation* PACKAGE qualifiedName ;
importDecl  : IMPORT qualifiedName (AS identifier)? ;

declaration
    : annotation* (ruleDecl | funcDecl | listDecl | constDecl | paramDecl | testDecl)
    ;

annotation : AT_SIGN identifier (LPAREN (expression (COMMA expression)* COMMA?)? RPAREN)? ;

// ---- rules ---------------------------------------------------------------------------------------------

ruleDecl
    : RULE identifier ON subject=identifier variable=identifier ruleClause* ruleBody
    ;

ruleClause
    : (MATCH | EXCLUDE) scope=identifier value=expression    # scopeClause
    | EXCEPT WHEN condition=expression BECAUSE reason=expression  # exceptClause
    | WHEN expression                                         # whenClause
    ;

ruleBody
    : block
    | statement
    ;

body
    : block
    | statement
    ;

block : LBRACE statement* RBRACE ;

statement
    : LET identifier ASSIGN expression                                          # letStatement
    | FOR identifier (COMMA identifier)? IN collection=expression (WHERE filter=expression)? body  # forStatement
    | IF condition=expression thenBody=body (ELSE elseBody=body)?                  # ifStatement
    | action=(DENY | WARN | AUDIT | ALERT) message=expression? (AT at=expression)? (WHEN condition=expression)?  # actionStatement
    | MUTATE SET target=expression ASSIGN value=expression (WHEN condition=expression)?  # mutateSetStatement
    | MUTATE REMOVE target=expression (WHEN condition=expression)?                # mutateRemoveStatement
    ;

// ---- functions, lists, constants, parameters -----------------------------------------------------------

funcDecl
    : FUNC identifier LPAREN (funcParam (COMMA funcParam)* COMMA?)? RPAREN (COLON typeRef)? funcBody
    ;
funcParam : identifier COLON typeRef ;
funcLet   : LET identifier ASSIGN expression ;
funcBody
    : ASSIGN expression
    | LBRACE funcLet* result=expression RBRACE
    ;

listDecl  : LIST identifier (COLON typeRef)? ASSIGN expression ;
constDecl : CONST identifier (COLON typeRef)? ASSIGN expression ;
paramDecl : PARAM identifier COLON typeRef (ASSIGN expression)? ;

typeRef : (identifier | LIST) (LT typeRef (COMMA typeRef)* GT)? ;

// ---- tests ---------------------------------------------------------------------------------------------

testDecl : TEST STRING LBRACE testStatement* RBRACE ;

testStatement
    : GIVEN subject=identifier (FROM STRING | RAW_STRING | STRING)             # givenStatement
    | WITH qualifiedName ASSIGN expression                                    # withStatement
    | EXPECT NO? INT? expectKind qualifiedName? expectOption*                 # expectStatement
    ;

expectKind : DENY | WARN | AUDIT | ALERT | MUTATE | identifier ;

expectOption
    : MESSAGE STRING
    | AT STRING
    ;

// ---- expressions ---------------------------------------------------------------------------------------
// Alternatives are listed from the tightest binding to the loosest.

expression
    : primary                                                           # primaryExpression
    | expression DOT memberName LPAREN arguments? RPAREN                # methodCallExpression
    | expression DOT memberName                                         # memberExpression
    | target=expression LBRACK index=expression RBRACK                  # indexExpression
    | MINUS expression                                                  # negateExpression
    | left=expression op=(STAR | SLASH | PERCENT) right=expression       # multiplicativeExpression
    | left=expression op=(PLUS | MINUS) right=expression                 # additiveExpression
    | <assoc=right> left=expression op=DEFAULT_OP right=expression       # defaultExpression
    | left=expression NOT? op=IN right=expression                        # inExpression
    | left=expression op=(EQ | NEQ | LT | LE | GT | GE) right=expression # comparisonExpression
    | NOT expression                                                    # notExpression
    | left=expression op=AND right=expression                           # andExpression
    | left=expression op=OR right=expression                            # orExpression
    | IF condition=expression THEN whenTrue=expression ELSE whenFalse=expression  # conditionalExpression
    ;

primary
    : literal                                                                               # literalPrimary
    | quantifier=(ANY | ALL | COUNT) LPAREN identifier (COMMA identifier)? IN collection=expression COLON predicate=expression RPAREN   # quantifierPrimary
    | identifier LPAREN arguments? RPAREN                                                   # callPrimary
    | LBRACK element=expression FOR identifier (COMMA identifier)? IN collection=expression (WHERE filter=expression)? RBRACK   # listComprehensionPrimary
    | LBRACE element=expression COLON value=expression FOR identifier (COMMA identifier)? IN collection=expression (WHERE filter=expression)? RBRACE  # mapComprehensionPrimary
    | LBRACE element=expression FOR identifier (COMMA identifier)? IN collection=expression (WHERE filter=expression)? RBRACE   # setComprehensionPrimary
    | LBRACK (expression (COMMA expression)* COMMA?)? RBRACK                                # listPrimary
    | LBRACE (mapEntry (COMMA mapEntry)* COMMA?)? RBRACE                                    # mapPrimary
    | LBRACE expression (COMMA expression)* COMMA? RBRACE                                   # setPrimary
    | LPAREN expression RPAREN                                                              # parenthesizedPrimary
    | identifier                                                                            # namePrimary
    ;

arguments : expression (COMMA expression)* COMMA? ;
mapEntry  : key=expression COLON value=expression ;

literal
    : INT
    | FLOAT
    | STRING
    | RAW_STRING
    | UNTERMINATED_STRING
    | TRUE
    | FALSE
    | NULL
    ;

qualifiedName : identifier (DOT identifier)* ;

// Soft keywords are identifiers outside their clause.
identifier
    : IDENT
    | QUOTED_IDENT
    | AS | MATCH | EXCLUDE | EXCEPT | BECAUSE | FROM | WITH | NO | ANY | ALL | COUNT | SET | REMOVE | MESSAGE
    ;

// After '.', every word names a field: Kubernetes has fields called `from`, `in`, `list`, `not`, ...
memberName
    : identifier
    | PACKAGE | IMPORT | RULE | ON | WHEN | FOR | IN | WHERE | LET | IF | THEN | ELSE | DENY | WARN | AUDIT
    | ALERT | MUTATE | AT | FUNC | LIST | CONST | PARAM | TEST | EXPECT | GIVEN | AND | OR | NOT | TRUE | FALSE | NULL
    ;

// Entry point used to parse the expressions inside string interpolations.
standaloneExpression : expression EOF ;
