//! The README's section "EastMoney markup → what the reader gets" is made from the tables
//! the renderer runs on (`finews_reader::eastmoney`), so it cannot drift from them.
//! Re-make it on purpose with `BLESS=1 cargo test --test readme`.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use finews_reader::eastmoney::{
    Names, Place, Role, Test, BY_CODE, ID_FORMS, LEGACY_DIGITS, MARKETS, RULES, TEXTS, URL_FORMS,
};

const START: &str = "<!-- Made from src/eastmoney by tests/readme.rs (BLESS=1 cargo test --test readme); edit the tables, not this. -->";
const END: &str = "<!-- End of the tables made from src/eastmoney. -->";

/// The section, from the tables.
fn section() -> String {
    let mut out = String::new();
    out.push_str("| EastMoney markup | what the reader gets |\n|---|---|\n");
    for rule in RULES {
        let _ = writeln!(
            out,
            "| {} | {} |",
            cell(rule.markup),
            cell(rule.role.outcome())
        );
    }
    // EastMoney's lines of text, a row per role and place.
    let mut groups: Vec<(Role, Place, Vec<String>)> = Vec::new();
    for line in TEXTS {
        let shown = match line.ends {
            "" => format!("`{}…`", line.starts),
            ends => format!("`{}…{}`", line.starts, ends),
        };
        match groups
            .iter_mut()
            .find(|(role, place, _)| *role == line.role && *place == line.place)
        {
            Some((_, _, lines)) => lines.push(shown),
            None => groups.push((line.role, line.place, vec![shown])),
        }
    }
    for (role, place, lines) in groups {
        let place = match place {
            Place::Anywhere => "a paragraph",
            Place::End => "a paragraph that ends the post",
        };
        let _ = writeln!(
            out,
            "| {place} reading {} | {} |",
            cell(&lines.join(", ")),
            cell(role.outcome())
        );
    }

    out.push_str("\nMarkets (`Stock.market`), by EastMoney's numeric market id:\n\n");
    out.push_str("| market ids | `market` | what trades there |\n|---|---|---|\n");
    for market in MARKETS {
        let ids: Vec<String> = market.ids.iter().map(u16::to_string).collect();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} |",
            ids.join(", "),
            market.market,
            market.what
        );
    }
    for (id, prefix, market) in BY_CODE {
        let _ = writeln!(
            out,
            "| {id}, with codes `{prefix}…` | `{market}` | by its code |"
        );
    }
    out.push_str("| any other | `MKT-<id>` | kept, with a warning `unknown-market` |\n");

    out.push_str(
        "\nSecurities are read from links in these forms (any case, `http`, `https` or `//`):\n\n",
    );
    out.push_str("| host | path | market |\n|---|---|---|\n");
    for form in URL_FORMS {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} |",
            form.host,
            form.path,
            cell(&names(form.names))
        );
    }
    out.push_str("\nand from element ids: ");
    let ids: Vec<String> = ID_FORMS
        .iter()
        .map(|form| match form.legacy {
            Some(legacy) => format!(
                "`{0}{{mkt}}.{{code}}` or `{0}…` ({1})",
                form.prefix,
                names(legacy)
            ),
            None => format!("`{}{{mkt}}.{{code}}`", form.prefix),
        })
        .collect();
    out.push_str(&ids.join(", "));
    out.push_str(". A legacy code's last digit is its market: ");
    let digits: Vec<String> = LEGACY_DIGITS
        .iter()
        .map(|(digit, _, market)| format!("{} {market}", char::from(*digit)))
        .collect();
    out.push_str(&digits.join(", "));
    out.push_str(". The canonical `quoteUrl` is `https://quote.eastmoney.com/unify/r/{mkt}.{code}` wherever the market id is known.\n");
    out
}

/// Table cell text: a `|` would end the cell, even in a code span.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn names(names: Names) -> String {
    match names {
        Names::Id => "from `{mkt}`".to_owned(),
        Names::Fixed(id) => format!("id {id}"),
        Names::Beijing => "`BJ` (id 0)".to_owned(),
        Names::Index => "`INDEX` (id 0 for `399…`, else 1)".to_owned(),
        Names::Us => "`US`; the id from `?Market=NASDAQ|NYSE|AMEX`".to_owned(),
        Names::Named(market) => format!("`{market}`"),
        Names::Legacy => "code and market digit".to_owned(),
        Names::Board => "board number: `BK`, id 90".to_owned(),
    }
}

#[test]
fn readme_tables_are_made_from_the_eastmoney_tables() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(START)
        .expect("the README marks where the tables start")
        + START.len();
    let end = readme
        .find(END)
        .expect("the README marks where the tables end");
    let made = format!("\n\n{}\n", section());
    if std::env::var_os("BLESS").is_some() {
        fs::write(
            &path,
            format!("{}{made}{}", &readme[..start], &readme[end..]),
        )
        .expect("write");
        return;
    }
    assert_eq!(
        &readme[start..end],
        made,
        "the README's EastMoney tables differ from src/eastmoney: BLESS=1 cargo test --test readme"
    );
}

#[test]
fn every_rule_names_its_shape() {
    for rule in RULES {
        assert!(!rule.markup.is_empty() && !rule.when.is_empty());
        // A comment rule tests nothing else.
        if rule.when.iter().any(|t| matches!(t, Test::Comment(_))) {
            assert_eq!(rule.when.len(), 1, "{}", rule.markup);
        }
    }
}
