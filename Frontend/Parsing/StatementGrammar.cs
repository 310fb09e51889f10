// The Sprache grammar of Python statements: simple statements (assignments, imports, raise, ...)
// and compound statements with their indented blocks. The top-level loop and error selection are
// in PythonParser.
using System.Collections.Immutable;
using ClrPy.Frontend.Lexing;
using ClrPy.Frontend.Syntax;
using ClrPy.Frontend.Text;
using Sprache;
using static ClrPy.Frontend.Parsing.TokenParsers;

namespace ClrPy.Frontend.Parsing;

internal static class StatementGrammar
{
    /// <summary>One statement line: a compound statement, or simple statements separated by ';' (hence a list).</summary>
    public static readonly Parser<List<Stmt>> Statement;

    private static readonly Parser<ImmutableArray<Stmt>> Block;

    static StatementGrammar()
    {
        var expression = ExpressionGrammar.Expression;
        var named = ExpressionGrammar.NamedExpression;
        var starExpressions = ExpressionGrammar.StarExpressions;
        var statementRef = Defer(() => Statement!);
        Parser<Token> name = Tok(TokenKind.Name);

        Parser<Stmt> simple = SimpleStatement();
        // Simple statements separated by ';' up to the end of the line (hand-written: one per line of code).
        Parser<List<Stmt>> simpleLine = input =>
        {
            var statements = new List<Stmt>(1);
            IInput rest = input;
            while (true)
            {
                var statement = simple(rest);
                if (!statement.WasSuccessful)
                {
                    if (statements.Count == 0)
                        return Failed<List<Stmt>, Stmt>(statement);
                    break;
                }
                statements.Add(statement.Value);
                rest = statement.Remainder;
                if (!Accept(ref rest, TokenKind.Semi, out _))
                    break;
            }
            return Accept(ref rest, TokenKind.Newline, out _) ? Result.Success(statements, rest) : Failed<List<Stmt>>(rest);
        };

        // The compound statements that make up most of a program (blocks, if/elif/else, while, for) are
        // hand-written Parser<T> delegates: as LINQ queries they allocate closures for every clause.
        Parser<ImmutableArray<Stmt>> indented = input =>
        {
            var statements = ImmutableArray.CreateBuilder<Stmt>();
            IInput rest = input;
            do
            {
                var statement = statementRef(rest);
                if (!statement.WasSuccessful)
                    return Failed<ImmutableArray<Stmt>, List<Stmt>>(statement);
                statements.AddRange(statement.Value);
                rest = statement.Remainder;
            }
            while (!Accept(ref rest, TokenKind.Dedent, out _));
            return Result.Success(statements.ToImmutable(), rest);
        };
        Block = input =>
        {
            if (!Peek(input, TokenKind.Newline))
            {
                var line = simpleLine(input);
                return line.WasSuccessful
                    ? Result.Success(line.Value.ToImmutableArray(), line.Remainder)
                    : Failed<ImmutableArray<Stmt>, List<Stmt>>(line);
            }
            var next = input.Advance();
            if (!Peek(next, TokenKind.Indent))
                return Fail<ImmutableArray<Stmt>>(next, "expected an indented block after " + DescribeHeader((TokenInput)input));
            return indented(next.Advance());
        };

        Parser<ImmutableArray<Stmt>> elseBlock = input =>
        {
            IInput rest = input;
            return Accept(ref rest, TokenKind.Else, out _) && Accept(ref rest, TokenKind.Colon, out _)
                ? Block(rest)
                : Failed<ImmutableArray<Stmt>>(rest);
        };

        // `if`/`elif`/`while` TEST ':' BLOCK, then for if/elif an elif chain or else, for while an else.
        Parser<Stmt> ifStmt = null!;
        Parser<Stmt> conditional = input =>
        {
            var keyword = ((TokenInput)input).Token;
            var test = named(input.Advance());
            if (!test.WasSuccessful)
                return Failed<Stmt, Expr>(test);
            IInput rest = test.Remainder;
            if (!Accept(ref rest, TokenKind.Colon, out _))
                return Failed<Stmt>(rest);
            var body = Block(rest);
            if (!body.WasSuccessful)
                return Failed<Stmt, ImmutableArray<Stmt>>(body);
            rest = body.Remainder;
            var orElse = ImmutableArray<Stmt>.Empty;
            if (keyword.Kind != TokenKind.While && Peek(rest, TokenKind.Elif))
            {
                var elif = ifStmt(rest);
                if (!elif.WasSuccessful)
                    return elif;
                orElse = [elif.Value];
                rest = elif.Remainder;
            }
            else if (Peek(rest, TokenKind.Else))
            {
                var elseBody = elseBlock(rest);
                if (!elseBody.WasSuccessful)
                    return Failed<Stmt, ImmutableArray<Stmt>>(elseBody);
                orElse = elseBody.Value;
                rest = elseBody.Remainder;
            }
            var span = Cover(keyword.Span, (orElse.IsEmpty ? body.Value : orElse)[^1].Span);
            Stmt statement = keyword.Kind == TokenKind.While
                ? new WhileStmt(test.Value, body.Value, orElse, span)
                : new IfStmt(test.Value, body.Value, orElse, span);
            return Result.Success(statement, rest);
        };
        ifStmt = conditional;
        Parser<Stmt> whileStmt = conditional;

        Parser<Stmt> forStmt = input =>
        {
            IInput rest = input;
            var first = ((TokenInput)input).Token;
            bool isAsync = Accept(ref rest, TokenKind.Async, out _);
            if (!Accept(ref rest, TokenKind.For, out _))
                return Failed<Stmt>(rest);
            var target = ExpressionGrammar.StarTargets(rest);
            if (!target.WasSuccessful)
                return Failed<Stmt, Expr>(target);
            rest = target.Remainder;
            if (!Accept(ref rest, TokenKind.In, out _))
                return Failed<Stmt>(rest);
            var iter = starExpressions(rest);
            if (!iter.WasSuccessful)
                return Failed<Stmt, Expr>(iter);
            rest = iter.Remainder;
            if (!Accept(ref rest, TokenKind.Colon, out _))
                return Failed<Stmt>(rest);
            var body = Block(rest);
            if (!body.WasSuccessful)
                return Failed<Stmt, ImmutableArray<Stmt>>(body);
            rest = body.Remainder;
            var orElse = ImmutableArray<Stmt>.Empty;
            if (Peek(rest, TokenKind.Else))
            {
                var elseBody = elseBlock(rest);
                if (!elseBody.WasSuccessful)
                    return Failed<Stmt, ImmutableArray<Stmt>>(elseBody);
                orElse = elseBody.Value;
                rest = elseBody.Remainder;
            }
            var span = Cover(first.Span, (orElse.IsEmpty ? body.Value : orElse)[^1].Span);
            return Result.Success<Stmt>(new ForStmt(Targets.CheckAssignable(target.Value), iter.Value, body.Value, orElse, isAsync, span), rest);
        };

        Parser<ExceptHandler> handler =
            from kw in Tok(TokenKind.Except)
            from type in (from t in expression
                          from alias in (from asKw in Tok(TokenKind.As) from n in name select n).Optional()
                          select (t, alias)).Optional()
            from colon in Tok(TokenKind.Colon)
            from body in Block
            select new ExceptHandler(type.IsDefined ? type.Get().t : null,
                type.IsDefined && type.Get().alias.IsDefined ? (string)type.Get().alias.Get().Value! : null,
                body, Cover(kw.Span, body[^1].Span));
        Parser<ImmutableArray<Stmt>> finallyBlock =
            from kw in Tok(TokenKind.Finally) from colon in Tok(TokenKind.Colon) from body in Block select body;
        Parser<Stmt> tryStmt =
            from kw in Tok(TokenKind.Try)
            from colon in Tok(TokenKind.Colon)
            from body in Block
            from handlers in handler.Many()
            let handlerList = handlers.ToImmutableArray()
            from orElse in handlerList.IsEmpty ? Parse.Return(ImmutableArray<Stmt>.Empty) : elseBlock.Optional().Select(o => o.GetOrElse([]))
            from final in finallyBlock.Optional()
            from complete in handlerList.IsEmpty && !final.IsDefined ? MissingHandler : Parse.Return(true)
            select MakeTry(kw, body, handlerList, orElse, final.GetOrElse([]));

        Parser<WithItem> withItem =
            from context in expression
            from target in (from asKw in Tok(TokenKind.As) from t in ExpressionGrammar.StarTarget select t).Optional()
            select new WithItem(context, target.IsDefined ? Targets.CheckAssignable(target.Get()) : null,
                target.IsDefined ? Cover(context.Span, target.Get().Span) : context.Span);
        Parser<List<WithItem>> withItems =
            from first in withItem
            from rest in (from comma in Tok(TokenKind.Comma) from item in withItem select item).Many()
            select (List<WithItem>)[first, .. rest];
        Parser<List<WithItem>> parenthesizedWithItems =
            from open in Tok(TokenKind.LPar)
            from items in withItems
            from trailing in Tok(TokenKind.Comma).Optional()
            from close in Tok(TokenKind.RPar)
            from colon in Tok(TokenKind.Colon)
            select items;
        Parser<Stmt> withStmt =
            from asyncKw in Tok(TokenKind.Async).Optional()
            from kw in Tok(TokenKind.With)
            from items in parenthesizedWithItems.Or(from items in withItems from colon in Tok(TokenKind.Colon) select items)
            from body in Block
            select (Stmt)new WithStmt([.. items], body, asyncKw.IsDefined,
                Cover(asyncKw.IsDefined ? asyncKw.Get().Span : kw.Span, body[^1].Span));

        Parser<Expr> decorator =
            from at in Tok(TokenKind.At)
            from value in named
            from newline in Tok(TokenKind.Newline)
            select value;

        Parser<Stmt> functionDef = input =>
        {
            IInput rest = input;
            var first = ((TokenInput)input).Token;
            bool isAsync = Accept(ref rest, TokenKind.Async, out _);
            if (!Accept(ref rest, TokenKind.Def, out _) || !Accept(ref rest, TokenKind.Name, out var functionName) ||
                !Accept(ref rest, TokenKind.LPar, out _))
                return Failed<Stmt>(rest);
            Arguments? parameters = null;
            if (!Peek(rest, TokenKind.RPar))
            {
                var parsed = ParameterGrammar.FunctionParameters(rest);
                if (!parsed.WasSuccessful)
                    return Failed<Stmt, Arguments>(parsed);
                parameters = parsed.Value;
                rest = parsed.Remainder;
            }
            if (!Accept(ref rest, TokenKind.RPar, out var close))
                return Failed<Stmt>(rest);
            Expr? returns = null;
            if (Accept(ref rest, TokenKind.RArrow, out _))
            {
                var annotation = expression(rest);
                if (!annotation.WasSuccessful)
                    return Failed<Stmt, Expr>(annotation);
                returns = annotation.Value;
                rest = annotation.Remainder;
            }
            if (!Accept(ref rest, TokenKind.Colon, out _))
                return Failed<Stmt>(rest);
            var body = Block(rest);
            if (!body.WasSuccessful)
                return Failed<Stmt, ImmutableArray<Stmt>>(body);
            return Result.Success<Stmt>(new FunctionDefStmt((string)functionName.Value!,
                parameters ?? ParameterGrammar.Empty(close.Span), body.Value, [], returns, isAsync,
                Cover(first.Span, body.Value[^1].Span)), body.Remainder);
        };

        Parser<Stmt> classDef = input =>
        {
            IInput rest = input;
            if (!Accept(ref rest, TokenKind.Class, out var keyword) || !Accept(ref rest, TokenKind.Name, out var className))
                return Failed<Stmt>(rest);
            AtomGrammar.CallArgumentList? arguments = null;
            if (Peek(rest, TokenKind.LPar))
            {
                var parsed = AtomGrammar.CallArguments(rest);
                if (!parsed.WasSuccessful)
                    return Failed<Stmt, AtomGrammar.CallArgumentList>(parsed);
                arguments = parsed.Value;
                rest = parsed.Remainder;
            }
            if (!Accept(ref rest, TokenKind.Colon, out _))
                return Failed<Stmt>(rest);
            var body = Block(rest);
            if (!body.WasSuccessful)
                return Failed<Stmt, ImmutableArray<Stmt>>(body);
            return Result.Success<Stmt>(new ClassDefStmt((string)className.Value!, arguments?.Args ?? [], arguments?.Keywords ?? [],
                body.Value, [], Cover(keyword.Span, body.Value[^1].Span)), body.Remainder);
        };

        Parser<Stmt> decorated =
            from decorators in decorator.AtLeastOnce()
            let list = decorators.ToImmutableArray()
            from definition in functionDef.Or(classDef)
            select definition switch
            {
                FunctionDefStmt f => (Stmt)(f with { DecoratorList = list }),
                ClassDefStmt c => c with { DecoratorList = list },
                _ => definition,
            };

        static Parser<List<Stmt>> One(Parser<Stmt> statement) => input =>
        {
            var result = statement(input);
            return result.WasSuccessful ? Result.Success(new List<Stmt>(1) { result.Value }, result.Remainder) : Failed<List<Stmt>, Stmt>(result);
        };
        Statement = Dispatch(simpleLine,
            (TokenKind.If, One(ifStmt)), (TokenKind.While, One(whileStmt)), (TokenKind.For, One(forStmt)),
            (TokenKind.Try, One(tryStmt)), (TokenKind.With, One(withStmt)), (TokenKind.Def, One(functionDef)),
            (TokenKind.Class, One(classDef)), (TokenKind.At, One(decorated)),
            (TokenKind.Async, One(forStmt.Or(withStmt).Or(functionDef))));
    }

    /// <summary>A try block followed by neither handlers nor finally: reported where one was expected.
    /// No other statement can start with 'try', so this is an error rather than a failed alternative.</summary>
    private static readonly Parser<bool> MissingHandler = input =>
    {
        var next = (TokenInput)input;
        if (Peek(next, TokenKind.Except) && Peek(next.Advance(), TokenKind.Star))
            SyntaxErrors.Throw(SyntaxErrors.Unsupported, next.Token.Span, "'except*' (exception groups) is not supported by ClrPy");
        SyntaxErrors.Throw(SyntaxErrors.Grammar, ((TokenInput)input).Token.Span, "expected 'except' or 'finally' block");
        return Result.Success(false, input);
    };

    private static Stmt MakeTry(Token kw, ImmutableArray<Stmt> body, ImmutableArray<ExceptHandler> handlers,
        ImmutableArray<Stmt> orElse, ImmutableArray<Stmt> final)
    {
        var last = !final.IsEmpty ? final[^1].Span : !orElse.IsEmpty ? orElse[^1].Span : handlers.IsEmpty ? body[^1].Span : handlers[^1].Span;
        return new TryStmt(body, handlers, orElse, final, Cover(kw.Span, last));
    }

    /// <summary>Names the compound statement whose header ends at the input, for block errors:
    /// <c>'if' statement on line 3</c>, <c>function definition on line 7</c>.</summary>
    private static string DescribeHeader(TokenInput colonNext)
    {
        var tokens = colonNext.Stream.Tokens;
        int p = colonNext.Position - 1;
        while (p > 0 && tokens[p - 1].Kind is not (TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.Semi))
            p--;
        var head = tokens[p];
        if (head.Kind == TokenKind.Async && p + 1 < tokens.Count)
            head = tokens[p + 1];
        int line = head.Span.Line;
        return head.Kind switch
        {
            TokenKind.Def => $"function definition on line {line}",
            TokenKind.Class => $"class definition on line {line}",
            _ => $"{TokenSpelling.Describe(head.Kind)} statement on line {line}",
        };
    }

    private static Parser<Stmt> SimpleStatement()
    {
        var expression = ExpressionGrammar.Expression;
        var starExpressions = ExpressionGrammar.StarExpressions;
        Parser<Token> name = Tok(TokenKind.Name);

        Parser<Stmt> keywordOnly = input =>
        {
            var keyword = ((TokenInput)input).Token;
            Stmt statement = keyword.Kind switch
            {
                TokenKind.Pass => new PassStmt(keyword.Span),
                TokenKind.Break => new BreakStmt(keyword.Span),
                _ => new ContinueStmt(keyword.Span),
            };
            return Result.Success(statement, input.Advance());
        };

        Parser<Stmt> returnStmt = input =>
        {
            var keyword = ((TokenInput)input).Token;
            var value = starExpressions(input.Advance());
            return value.WasSuccessful
                ? Result.Success<Stmt>(new ReturnStmt(value.Value, Spanning(input, value.Remainder)), value.Remainder)
                : Result.Success<Stmt>(new ReturnStmt(null, keyword.Span), input.Advance());
        };

        Parser<Stmt> delStmt =
            from kw in Tok(TokenKind.Del)
            from first in ExpressionGrammar.BitOr
            from rest in (from comma in Tok(TokenKind.Comma) from t in ExpressionGrammar.BitOr select t).Many()
            from trailing in Tok(TokenKind.Comma).Optional()
            let targets = new List<Expr> { first }.Concat(rest).Select(t => Targets.CheckAssignable(t, "delete")).ToImmutableArray()
            select (Stmt)new DeleteStmt(targets, Cover(kw.Span, targets[^1].Span));

        Parser<List<Token>> names =
            from first in name
            from rest in (from comma in Tok(TokenKind.Comma) from n in name select n).Many()
            select (List<Token>)[first, .. rest];
        Parser<Stmt> globalStmt =
            from kw in Tok(TokenKind.Global)
            from list in names
            select (Stmt)new GlobalStmt([.. list.Select(n => (string)n.Value!)], Cover(kw.Span, list[^1].Span));
        Parser<Stmt> nonlocalStmt =
            from kw in Tok(TokenKind.Nonlocal)
            from list in names
            select (Stmt)new NonlocalStmt([.. list.Select(n => (string)n.Value!)], Cover(kw.Span, list[^1].Span));

        Parser<Stmt> assertStmt =
            from kw in Tok(TokenKind.Assert)
            from test in expression
            from message in (from comma in Tok(TokenKind.Comma) from m in expression select m).Optional()
            select (Stmt)new AssertStmt(test, message.GetOrDefault(), Cover(kw.Span, (message.GetOrDefault() ?? test).Span));

        Parser<Stmt> raiseStmt =
            from kw in Tok(TokenKind.Raise)
            from exc in (from e in expression
                         from cause in (from fromKw in Tok(TokenKind.From) from c in expression select c).Optional()
                         select (e, cause)).Optional()
            select (Stmt)new RaiseStmt(exc.IsDefined ? exc.Get().e : null,
                exc.IsDefined ? exc.Get().cause.GetOrDefault() : null,
                exc.IsDefined ? Cover(kw.Span, (exc.Get().cause.GetOrDefault() ?? exc.Get().e).Span) : kw.Span);

        Parser<(string Name, SourceSpan Span)> dottedName =
            from first in name
            from rest in (from dot in Tok(TokenKind.Dot) from n in name select n).Many()
            let all = new List<Token> { first }.Concat(rest).ToList()
            select (string.Join(".", all.Select(t => (string)t.Value!)), Cover(first.Span, all[^1].Span));
        Parser<Alias> dottedAlias =
            from dotted in dottedName
            from asName in (from asKw in Tok(TokenKind.As) from n in name select n).Optional()
            select new Alias(dotted.Name, asName.IsDefined ? (string)asName.Get().Value! : null,
                asName.IsDefined ? Cover(dotted.Span, asName.Get().Span) : dotted.Span);
        Parser<Alias> plainAlias =
            from n in name
            from asName in (from asKw in Tok(TokenKind.As) from a in name select a).Optional()
            select new Alias((string)n.Value!, asName.IsDefined ? (string)asName.Get().Value! : null,
                asName.IsDefined ? Cover(n.Span, asName.Get().Span) : n.Span);
        Parser<List<Alias>> aliasList =
            from first in plainAlias
            from rest in (from comma in Tok(TokenKind.Comma) from a in plainAlias select a).Many()
            select (List<Alias>)[first, .. rest];

        Parser<Stmt> importStmt =
            from kw in Tok(TokenKind.Import)
            from first in dottedAlias
            from rest in (from comma in Tok(TokenKind.Comma) from a in dottedAlias select a).Many()
            let all = new List<Alias> { first }.Concat(rest).ToImmutableArray()
            select (Stmt)new ImportStmt(all, Cover(kw.Span, all[^1].Span));

        Parser<(List<Alias> Names, SourceSpan End)> importTargets =
            Tok(TokenKind.Star).Select(t => (new List<Alias> { new("*", null, t.Span) }, t.Span))
            .Or(from open in Tok(TokenKind.LPar)
                from list in aliasList
                from trailing in Tok(TokenKind.Comma).Optional()
                from close in Tok(TokenKind.RPar)
                select (list, close.Span))
            .Or(aliasList.Select(list => (list, list[^1].Span)));
        Parser<Stmt> fromImport =
            from kw in Tok(TokenKind.From)
            from dots in Tok(TokenKind.Dot).Or(Tok(TokenKind.Ellipsis)).Many()
            let level = dots.Sum(d => d.Kind == TokenKind.Ellipsis ? 3 : 1)
            from module in level == 0 ? dottedName.Select(d => (string?)d.Name) : dottedName.Select(d => (string?)d.Name).Optional().Select(o => o.GetOrDefault())
            from importKw in Tok(TokenKind.Import)
            from targets in importTargets
            select (Stmt)new ImportFromStmt(module, [.. targets.Names], level, Cover(kw.Span, targets.End));

        return Dispatch(ExpressionStatement,
            (TokenKind.Pass, keywordOnly), (TokenKind.Break, keywordOnly), (TokenKind.Continue, keywordOnly),
            (TokenKind.Return, returnStmt), (TokenKind.Del, delStmt), (TokenKind.Global, globalStmt),
            (TokenKind.Nonlocal, nonlocalStmt), (TokenKind.Assert, assertStmt), (TokenKind.Raise, raiseStmt),
            (TokenKind.Import, importStmt), (TokenKind.From, fromImport));
    }

    private static readonly Parser<Expr> AssignedValue =
        Dispatch(Defer(() => ExpressionGrammar.StarExpressions), (TokenKind.Yield, Defer(() => ExpressionGrammar.Yield)));

    /// <summary>An expression statement, or an assignment of any kind once the first expression is known.</summary>
    private static IResult<Stmt> ExpressionStatement(IInput input)
    {
        var first = AssignedValue(input);
        if (!first.WasSuccessful)
            return Result.Failure<Stmt>(first.Remainder, first.Message, first.Expectations);
        var target = first.Value;
        var rest = (TokenInput)first.Remainder;
        if (Peek(rest, TokenKind.Colon))
        {
            var annotation = ExpressionGrammar.Expression(rest.Advance());
            if (!annotation.WasSuccessful)
                return Result.Failure<Stmt>(annotation.Remainder, annotation.Message, annotation.Expectations);
            Expr? value = null;
            var after = annotation.Remainder;
            if (Peek(after, TokenKind.Equal))
            {
                var assigned = AssignedValue(after.Advance());
                if (!assigned.WasSuccessful)
                    return Result.Failure<Stmt>(assigned.Remainder, assigned.Message, assigned.Expectations);
                value = assigned.Value;
                after = assigned.Remainder;
            }
            Targets.CheckSingle(target, "annotated");
            bool simple = target is NameExpr && !Peek(input, TokenKind.LPar);
            return Result.Success<Stmt>(new AnnAssignStmt(target, annotation.Value, value, simple,
                Spanning(input, after)), after);
        }
        if (!rest.AtEnd && AugmentedOperator((TokenKind)rest.Current) is { } op)
        {
            Targets.CheckSingle(target, "augmented");
            var value = AssignedValue(rest.Advance());
            if (!value.WasSuccessful)
                return Result.Failure<Stmt>(value.Remainder, value.Message, value.Expectations);
            return Result.Success<Stmt>(new AugAssignStmt(target, op, value.Value, Spanning(input, value.Remainder)), value.Remainder);
        }
        if (!Peek(rest, TokenKind.Equal))
            return Result.Success<Stmt>(new ExprStmt(target, Spanning(input, rest)), rest);
        var targets = ImmutableArray.CreateBuilder<Expr>();
        IInput position = rest;
        Expr assignedValue = target;
        while (Peek(position, TokenKind.Equal))
        {
            targets.Add(Targets.CheckAssignable(assignedValue));
            var next = AssignedValue(position.Advance());
            if (!next.WasSuccessful)
                return Result.Failure<Stmt>(next.Remainder, next.Message, next.Expectations);
            assignedValue = next.Value;
            position = next.Remainder;
        }
        return Result.Success<Stmt>(new AssignStmt(targets.ToImmutable(), assignedValue, Spanning(input, position)), position);
    }

    private static BinaryOperator? AugmentedOperator(TokenKind kind) => kind switch
    {
        TokenKind.PlusEqual => BinaryOperator.Add,
        TokenKind.MinusEqual => BinaryOperator.Sub,
        TokenKind.StarEqual => BinaryOperator.Mult,
        TokenKind.AtEqual => BinaryOperator.MatMult,
        TokenKind.SlashEqual => BinaryOperator.Div,
        TokenKind.PercentEqual => BinaryOperator.Mod,
        TokenKind.DoubleStarEqual => BinaryOperator.Pow,
        TokenKind.LeftShiftEqual => BinaryOperator.LShift,
        TokenKind.RightShiftEqual => BinaryOperator.RShift,
        TokenKind.VBarEqual => BinaryOperator.BitOr,
        TokenKind.CircumflexEqual => BinaryOperator.BitXor,
        TokenKind.AmperEqual => BinaryOperator.BitAnd,
        TokenKind.DoubleSlashEqual => BinaryOperator.FloorDiv,
        _ => null,
    };
}
