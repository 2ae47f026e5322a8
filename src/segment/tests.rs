use super::*;

fn seg(lang: Lang, text: &str) -> Vec<&str> {
    Segmenter::new(lang)
        .segments(text)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn sample_article_us_is_not_a_boundary() {
    let t =
        "According to various U.S. sources, high-ranking officials believe it. These rumors grew.";
    assert_eq!(
        seg(Lang::En, t),
        [
            "According to various U.S. sources, high-ranking officials believe it.",
            "These rumors grew."
        ]
    );
}

/// Cases written from `CONVENTIONS.md`, one per rule, in newsroom style.
#[test]
fn conventions_news_cases() {
    let cases: &[(Lang, &str, &[&str])] = &[
        // Rule 1: every line break is a boundary; lines without punctuation are segments.
        (Lang::En, "ANALYSIS\nMexico Resists Drone Strikes", &["ANALYSIS", "Mexico Resists Drone Strikes"]),
        // Rule 3: attribution after a quote, even capitalised.
        (Lang::En, "“Why now?” Sheinbaum asked reporters on Monday.", &["“Why now?” Sheinbaum asked reporters on Monday."]),
        (Lang::En, "\"Wonderful!\" Winston beams. \"Marvelous!\"", &["\"Wonderful!\" Winston beams.", "\"Marvelous!\""]),
        (Lang::En, "\"Who is this?\" She said it to the Knave.", &["\"Who is this?\"", "She said it to the Knave."]),
        (Lang::En, "\"Why now?\" She said the last words out loud.", &["\"Why now?\"", "She said the last words out loud."]),
        (Lang::En, "\"Why now?\" She said the next day.", &["\"Why now?\" She said the next day."]),
        (Lang::En, "“Why now?” Sheinbaum said, visibly angry.", &["“Why now?” Sheinbaum said, visibly angry."]),
        (Lang::En, "“We will not bow,” she said. The talks resume Friday.", &["“We will not bow,” she said.", "The talks resume Friday."]),
        (Lang::Es, "«No nos subordinamos», dijo la presidenta. Luego se fue.", &["«No nos subordinamos», dijo la presidenta.", "Luego se fue."]),
        (Lang::Es, "¿Qué hará? —preguntó el reportero.", &["¿Qué hará? —preguntó el reportero."]),
        (Lang::Es, "Gritó ¡por fin! y abandonó la sala.", &["Gritó ¡por fin! y abandonó la sala."]),
        (Lang::Es, "Si llega, ¿qué hará? Nadie lo sabe.", &["Si llega, ¿qué hará?", "Nadie lo sabe."]),
        // Rule 3: a time followed by a zone or weekday; an abbreviation inside a name.
        (Lang::En, "The vote is at 10 a.m. EST on the floor.", &["The vote is at 10 a.m. EST on the floor."]),
        (Lang::En, "It starts at 9 p.m. Tuesday in Washington.", &["It starts at 9 p.m. Tuesday in Washington."]),
        (Lang::En, "The U.S. Senate voted. The House did not.", &["The U.S. Senate voted.", "The House did not."]),
        (Lang::En, "Lt. Gen. John Smith spoke.", &["Lt. Gen. John Smith spoke."]),
        // Rule 4: an abbreviation at the end of a sentence ends it.
        (Lang::En, "The drugs were shipped into the U.S. The cargo was seized.", &["The drugs were shipped into the U.S.", "The cargo was seized."]),
        (Lang::Es, "El barco salió de EE. UU. El capitán no habló.", &["El barco salió de EE. UU.", "El capitán no habló."]),
        (Lang::Es, "Según fuentes de EE. UU. consultadas, no habrá ataques.", &["Según fuentes de EE. UU. consultadas, no habrá ataques."]),
        (Lang::Es, "Llegó a las 10 a. m. del lunes. Se fue a las 5 p. m. Nadie lo vio.", &["Llegó a las 10 a. m. del lunes.", "Se fue a las 5 p. m.", "Nadie lo vio."]),
        // Rule 5: a parenthesised sentence; Spanish dialogue dashes.
        (Lang::En, "He left. (The office declined to comment.) Talks resume today.", &["He left.", "(The office declined to comment.)", "Talks resume today."]),
        (Lang::Es, "—No lo aceptaremos —afirmó el canciller—. México es soberano.", &["—No lo aceptaremos —afirmó el canciller—.", "México es soberano."]),
        // Rule 6: numbers, URLs, emails, colons never split.
        (Lang::Es, "Se invirtieron 1.500 millones, un alza de 1,5 %. Es el 2.º año.", &["Se invirtieron 1.500 millones, un alza de 1,5 %.", "Es el 2.º año."]),
        (Lang::En, "Write to desk@example.com. See https://example.com/a.b. Done: now.", &["Write to desk@example.com.", "See https://example.com/a.b.", "Done: now."]),
        (Lang::Es, "La sesión es a las 17:00 h. El Sr. López y la Lic. Pérez asistirán.", &["La sesión es a las 17:00 h.", "El Sr. López y la Lic. Pérez asistirán."]),
        // The sample article's hard cases.
        (Lang::En, "It was a dangerous precedent—one that conjures bitter memories. Mexico’s leaders agree.", &["It was a dangerous precedent—one that conjures bitter memories.", "Mexico’s leaders agree."]),
        (Lang::En, "By insisting that “Mexico coordinates, collaborates, but does not subordinate,” she invokes a nationalist perspective.", &["By insisting that “Mexico coordinates, collaborates, but does not subordinate,” she invokes a nationalist perspective."]),
    ];
    let mut failures = Vec::new();
    for (lang, text, want) in cases {
        let got = seg(*lang, text);
        if got != *want {
            failures.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pieces_concatenate_back_to_the_text() {
    let text = "  Hello world.  It is 3.5 %! \r\nNext line\n\n“Quote.” Then   ";
    let seg = Segmenter::new(Lang::En);
    let cuts = seg.cuts(text);
    let joined: String = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    assert_eq!(joined, text);
}

/// Runs a table of cases and reports every failure at once.
fn check(cases: &[(Lang, &str, &[&str])]) {
    let mut failures = Vec::new();
    for (lang, text, want) in cases {
        let got = seg(*lang, text);
        if got != *want {
            failures.push(format!("{text:?}\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_apostrophe_inside_a_word_is_part_of_the_word_before_a_period() {
    check(&[
        (
            Lang::En,
            "He could, but they didn't. Today's incident proves it.",
            &["He could, but they didn't.", "Today's incident proves it."],
        ),
        (
            Lang::En,
            "He liked a few of the pic's. One shows a flag.",
            &["He liked a few of the pic's.", "One shows a flag."],
        ),
        (
            Lang::En,
            "It was Mexico's. O'Brien disagreed.",
            &["It was Mexico's.", "O'Brien disagreed."],
        ),
        (
            Lang::Es,
            "Era del Club d'Or. Nadie lo supo.",
            &["Era del Club d'Or.", "Nadie lo supo."],
        ),
    ]);
}

#[test]
fn a_year_or_figure_after_a_full_stop_starts_a_sentence() {
    check(&[
        (
            Lang::En,
            "The site was a waste dump. 1987 was the year it closed.",
            &["The site was a waste dump.", "1987 was the year it closed."],
        ),
        (
            Lang::Es,
            "Era un basurero. 1987 fue el año del cierre.",
            &["Era un basurero.", "1987 fue el año del cierre."],
        ),
        (
            Lang::En,
            "The plant was closed. \"1987 was the worst,\" he said.",
            &["The plant was closed.", "\"1987 was the worst,\" he said."],
        ),
        // A word that introduces a number, listed or abbreviation-like, keeps it.
        (
            Lang::En,
            "He was born on Sept. 11 at No. 5 Main Street.",
            &["He was born on Sept. 11 at No. 5 Main Street."],
        ),
        (
            Lang::En,
            "I will be paid Rs. 3520 in total.",
            &["I will be paid Rs. 3520 in total."],
        ),
        (
            Lang::Es,
            "La cita es el Lun. 15 de Mar. por la tarde.",
            &["La cita es el Lun. 15 de Mar. por la tarde."],
        ),
        (
            Lang::Es,
            "Quedó prensada o no. El resto siguió.",
            &["Quedó prensada o no.", "El resto siguió."],
        ),
    ]);
}

#[test]
fn era_and_unit_abbreviations_end_a_sentence_only_before_a_known_starter() {
    check(&[
        (
            Lang::Es,
            "Gobernó sobre 512-511 a. C., el rey persa.",
            &["Gobernó sobre 512-511 a. C., el rey persa."],
        ),
        (
            Lang::Es,
            "Fue en el 1000 a. C. cuando llegaron.",
            &["Fue en el 1000 a. C. cuando llegaron."],
        ),
        (
            Lang::Es,
            "Fue en el 1000 a.C. Cuando llegaron, todo cambió.",
            &["Fue en el 1000 a.C.", "Cuando llegaron, todo cambió."],
        ),
        (
            Lang::Es,
            "Murió en el año 30 d. C. Luego vino la guerra.",
            &["Murió en el año 30 d. C.", "Luego vino la guerra."],
        ),
        (
            Lang::Es,
            "La densidad de población era de 7,63 hab. / km².",
            &["La densidad de población era de 7,63 hab. / km²."],
        ),
        (
            Lang::Es,
            "La sesión es a las 17:00 h. El Sr. López asistirá.",
            &["La sesión es a las 17:00 h.", "El Sr. López asistirá."],
        ),
    ]);
}

#[test]
fn company_state_and_country_abbreviations_end_a_sentence_by_what_follows() {
    check(&[
        // Before the rest of a name: no boundary.
        (
            Lang::En,
            "The U.S. Environmental Protection Agency said so.",
            &["The U.S. Environmental Protection Agency said so."],
        ),
        (
            Lang::En,
            "The U.N. Security Council met on Monday.",
            &["The U.N. Security Council met on Monday."],
        ),
        (
            Lang::En,
            "He was at the D.C. Circuit level.",
            &["He was at the D.C. Circuit level."],
        ),
        (
            Lang::En,
            "Acme Inc. Chief Executive John Smith resigned.",
            &["Acme Inc. Chief Executive John Smith resigned."],
        ),
        (
            Lang::Es,
            "Washington, D. C. es la capital.",
            &["Washington, D. C. es la capital."],
        ),
        (
            Lang::Es,
            "NOGALES, Son. — El gobernador habló.",
            &["NOGALES, Son. — El gobernador habló."],
        ),
        // Before a known starter, a subject with a verb of saying or a lone capitalised word.
        (
            Lang::En,
            "He bought shares of Acme Inc. The stock rose.",
            &["He bought shares of Acme Inc.", "The stock rose."],
        ),
        (
            Lang::En,
            "It sold the unit to Acme Corp. Officials said the deal closed.",
            &[
                "It sold the unit to Acme Corp.",
                "Officials said the deal closed.",
            ],
        ),
        (
            Lang::En,
            "He became President of the U.S. Millions attended.",
            &["He became President of the U.S.", "Millions attended."],
        ),
        (
            Lang::Es,
            "Compró Grupo Lala S. A. de C. V. El precio subió.",
            &["Compró Grupo Lala S. A. de C. V.", "El precio subió."],
        ),
        (
            Lang::Es,
            "Vive en Washington, D. C. Es una ciudad cara.",
            &["Vive en Washington, D. C.", "Es una ciudad cara."],
        ),
        // A state written as a capitalised abbreviation is not the lowercase verb.
        (
            Lang::Es,
            "Así son. El resto no.",
            &["Así son.", "El resto no."],
        ),
    ]);
}

#[test]
fn titles_ranks_addresses_and_legal_references_never_end_a_sentence() {
    check(&[
        (
            Lang::Es,
            "El Gral. Brig. Juan Pérez habló.",
            &["El Gral. Brig. Juan Pérez habló."],
        ),
        (
            Lang::Es,
            "Vive en la Av. Reforma, col. Juárez, desde 2010.",
            &["Vive en la Av. Reforma, col. Juárez, desde 2010."],
        ),
        (
            Lang::Es,
            "Según el art. 5, fracc. III de la ley, procede.",
            &["Según el art. 5, fracc. III de la ley, procede."],
        ),
        (
            Lang::Es,
            "El municipio de St. John tiene 1036 habitantes.",
            &["El municipio de St. John tiene 1036 habitantes."],
        ),
        (
            Lang::En,
            "The vote is at 9 p.m. Eastern on Tuesday.",
            &["The vote is at 9 p.m. Eastern on Tuesday."],
        ),
    ]);
}

#[test]
fn an_elision_opens_no_quotation() {
    check(&[
        (
            Lang::En,
            "They sang 'til dawn. The boys' band left.",
            &["They sang 'til dawn.", "The boys' band left."],
        ),
        (
            Lang::En,
            "He hit 'em hard. The players' union objected.",
            &["He hit 'em hard.", "The players' union objected."],
        ),
        (
            Lang::En,
            "It was rock 'n' roll. Then it ended.",
            &["It was rock 'n' roll.", "Then it ended."],
        ),
        // A real single quotation still holds its sentences together.
        (
            Lang::En,
            "He said 'we go. They stay.' Then silence.",
            &["He said 'we go. They stay.'", "Then silence."],
        ),
    ]);
}

#[test]
fn an_enumeration_inside_a_sentence_is_not_a_list() {
    check(&[
        (Lang::En, "We have samples for (a) US Corporate, (b) Hedge Funds, (c) Municipal.", &["We have samples for (a) US Corporate, (b) Hedge Funds, (c) Municipal."]),
        (Lang::En, "It maintains their opinion by 1) taking what agrees, and 2) rejecting the rest. Then it ends.", &["It maintains their opinion by 1) taking what agrees, and 2) rejecting the rest.", "Then it ends."]),
        (Lang::Es, "Los médicos Rubinos Ruiz (1), Mena Pérez (2) y Candebat (3) la introdujeron.", &["Los médicos Rubinos Ruiz (1), Mena Pérez (2) y Candebat (3) la introdujeron."]),
        // A list set out after a full stop, or at the start of the line, is still cut.
        (Lang::En, "Finally, this. 1. The first item 2. The second item", &["Finally, this.", "1. The first item", "2. The second item"]),
        (Lang::En, "a) here it is b) another c) one more", &["a) here it is", "b) another", "c) one more"]),
    ]);
}

#[test]
fn a_roman_numeral_after_a_name_ends_a_sentence_before_a_starter() {
    check(&[
        (
            Lang::Es,
            "Lo establece su Artículo V. Algunas veces no se cumple.",
            &["Lo establece su Artículo V.", "Algunas veces no se cumple."],
        ),
        (
            Lang::En,
            "It was World War I. The end came.",
            &["It was World War I.", "The end came."],
        ),
        (Lang::En, "Henry V. Smith left.", &["Henry V. Smith left."]),
    ]);
}

#[test]
fn postscripts_and_names_spelled_with_an_exclamation_mark_continue() {
    check(&[
        (
            Lang::En,
            "P.S. I am moving back to Calgary.",
            &["P.S. I am moving back to Calgary."],
        ),
        (
            Lang::En,
            "PS. Love the new website!",
            &["PS. Love the new website!"],
        ),
        (
            Lang::Es,
            "Usa Windows Live Messenger y Yahoo! Messenger.",
            &["Usa Windows Live Messenger y Yahoo! Messenger."],
        ),
    ]);
}

#[test]
fn a_figure_after_a_short_word_or_a_decade_starts_a_sentence_but_not_after_an_abbreviation() {
    check(&[
        (
            Lang::En,
            "It grew in the 1990s. 2000 was worse.",
            &["It grew in the 1990s.", "2000 was worse."],
        ),
        (
            Lang::En,
            "Prices went up. 10 stores closed.",
            &["Prices went up.", "10 stores closed."],
        ),
        (
            Lang::En,
            "I will be paid an advance of rs. 1000 and more later.",
            &["I will be paid an advance of rs. 1000 and more later."],
        ),
        (
            Lang::Es,
            "Costó 5 mdp. 20 personas lo vieron.",
            &["Costó 5 mdp. 20 personas lo vieron."],
        ),
    ]);
}

#[test]
fn an_abbreviation_chained_to_another_or_an_address_continues_a_name() {
    check(&[
        (
            Lang::En,
            "Samsung Electronics Co. Ltd. said it would.",
            &["Samsung Electronics Co. Ltd. said it would."],
        ),
        (
            Lang::Es,
            "Vive en la Col. Centro, en Toluca.",
            &["Vive en la Col. Centro, en Toluca."],
        ),
        (
            Lang::Es,
            "MANZANILLO, Col. — El puerto cerró.",
            &["MANZANILLO, Col. — El puerto cerró."],
        ),
        (
            Lang::En,
            "It was made in the U.S. Mexican officials said so.",
            &["It was made in the U.S.", "Mexican officials said so."],
        ),
        (
            Lang::En,
            "The U.S. Conference of Mayors met.",
            &["The U.S. Conference of Mayors met."],
        ),
        (
            Lang::En,
            "It was made in the U.S. Most of it was sold.",
            &["It was made in the U.S.", "Most of it was sold."],
        ),
    ]);
}

#[test]
fn a_sentence_is_never_only_an_opening_time_phrase() {
    check(&[
        (
            Lang::En,
            "At 5 a.m. Mr. Smith went to the bank.",
            &["At 5 a.m. Mr. Smith went to the bank."],
        ),
        (
            Lang::Es,
            "Se fue. A las 10 a. m. El presidente habló.",
            &["Se fue.", "A las 10 a. m. El presidente habló."],
        ),
        (
            Lang::En,
            "It ended at 5 p.m. Mr. Smith left.",
            &["It ended at 5 p.m.", "Mr. Smith left."],
        ),
    ]);
}
