//! Merge-field templates (SPEC section 3): every syntax rule, error positions in characters across
//! lines, fallbacks, literal braces, unknown-field suggestions, rendering per recipient, dates in
//! every language, and the per-recipient SMS cost.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime, Weekday};
use envoi::language::Language;
use envoi::sms::{SmsOptions, analyze};
use envoi::templates::{
    Field, FieldSource, MONTHS, Position, Segment, TaskFields, TaskValue, Template, TemplateError,
    UnclosedAt, UnknownFieldUse, WEEKDAYS, format_date, format_date_time, format_date_with_weekday,
    format_time, month_name, weekday_name,
};
use envoi::time::Zone;
use envoi::{Error, ErrorCode};
use proptest::prelude::*;

fn text(text: &str) -> Segment {
    Segment::Text(text.into())
}

fn field(name: &str) -> Segment {
    Segment::Field(Field {
        name: name.into(),
        fallback: None,
    })
}

fn with_fallback(name: &str, fallback: &str) -> Segment {
    Segment::Field(Field {
        name: name.into(),
        fallback: Some(fallback.into()),
    })
}

fn segments(source: &str) -> Vec<Segment> {
    Template::parse(source).unwrap().segments().to_vec()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn at(line: usize, column: usize) -> Position {
    Position { line, column }
}

fn error(source: &str) -> TemplateError {
    Template::parse(source).unwrap_err()
}

// ---- syntax ----

#[test]
fn fields_with_and_without_spaces_are_the_same() {
    for source in [
        "{{first_name}}",
        "{{ first_name }}",
        "{{\tfirst_name  }}",
        "{{First_Name}}",
    ] {
        assert_eq!(segments(source), [field("first_name")], "{source}");
    }
    assert_eq!(
        segments("Bonjour {{first_name}}, RDV le {{date}}."),
        [
            text("Bonjour "),
            field("first_name"),
            text(", RDV le "),
            field("date"),
            text(".")
        ]
    );
    assert_eq!(segments("{{_x9}}{{a_b_c}}"), [field("_x9"), field("a_b_c")]);
}

#[test]
fn fallbacks_are_trimmed_keep_inner_spaces_and_bars_and_may_be_empty() {
    assert_eq!(
        segments("{{ first_name | cher client }}"),
        [with_fallback("first_name", "cher client")]
    );
    assert_eq!(segments("{{a|b}}"), segments("{{ a |   b   }}"));
    assert_eq!(segments("{{a| x | y }}"), [with_fallback("a", "x | y")]);
    assert_eq!(segments("{{a|}}"), [with_fallback("a", "")]);
    assert_eq!(segments("{{a |  }}"), [with_fallback("a", "")]);
    assert_eq!(
        segments("{{a|{ é 😀 \\ }}"),
        [with_fallback("a", "{ é 😀 \\")]
    );
    // The field ends at the first `}}`; what follows is text.
    assert_eq!(segments("{{a|b}}}"), [with_fallback("a", "b"), text("}")]);
}

#[test]
fn single_braces_stray_closers_and_backslashes_are_text() {
    for source in [
        "{", "}", "{a}", "}}", "a}}b", "{ {", "} }", r"C:\temp", r"\o/", r"\\", r"\{", "{}",
    ] {
        assert_eq!(segments(source), [text(source)], "{source}");
        assert_eq!(
            Template::parse(source).unwrap().render(&map(&[])).unwrap(),
            source
        );
    }
    assert_eq!(segments(""), []);
}

#[test]
fn literal_double_braces_and_the_run_rules() {
    assert_eq!(segments(r"\{{"), [text("{{")]);
    assert_eq!(segments(r"a \{{b}} c"), [text("a {{b}} c")]);
    assert_eq!(segments(r"\{{{"), [text("{{{")]);
    assert_eq!(segments(r"\{{{name}}"), [text("{{{name}}")]);
    // The last two braces of a run open the field.
    assert_eq!(
        segments("{{{name}}}"),
        [text("{"), field("name"), text("}")]
    );
    assert_eq!(segments("{{{{name}}"), [text("{{"), field("name")]);
    // Backslashes before braces are halved; an even number leaves the field open.
    assert_eq!(segments(r"\\{{name}}"), [text("\\"), field("name")]);
    assert_eq!(segments(r"\\\{{"), [text(r"\{{")]);
    assert_eq!(segments(r"\\\\{{n}}"), [text(r"\\"), field("n")]);
    // Backslashes elsewhere are not touched.
    assert_eq!(segments(r"\\ {{n}}"), [text(r"\\ "), field("n")]);
}

#[test]
fn display_is_canonical_and_escapes_only_where_needed() {
    let cases = [
        ("{{ a | b }}", "{{a|b}}"),
        ("{{A}}", "{{a}}"),
        (r"\{{x}}", r"\{{x}}"),
        (r"\{{{", r"\{{{"),
        ("{{{a}}}", "{{{a}}}"),
        (r"\\{{a}}", r"\\{{a}}"),
        (r"\\\{{", r"\\\{{"),
        (r"a\b {c} }}", r"a\b {c} }}"),
        ("{{a|}}", "{{a|}}"),
        // Found by the fuzzer: a fallback ending in `}` keeps a space before the closing `}}`.
        ("{{a |  }{[!}  }}Z", "{{a|}{[!} }}Z"),
        ("{{a|}x}}", "{{a|}x}}"),
    ];
    for (source, canonical) in cases {
        let template = Template::parse(source).unwrap();
        assert_eq!(template.to_string(), canonical, "{source}");
        assert_eq!(Template::parse(canonical).unwrap(), template, "{source}");
        assert_eq!(template.source(), source);
    }
}

#[test]
fn fields_are_distinct_in_order_of_first_use() {
    let template = Template::parse("{{date}} {{first_name}} {{ Date | x }} {{shop}}").unwrap();
    assert_eq!(template.fields(), ["date", "first_name", "shop"]);
    let uses: Vec<_> = template
        .occurrences()
        .map(|(f, p)| (f.name.clone(), p))
        .collect();
    assert_eq!(uses.len(), 4);
    assert_eq!(uses[2], ("date".to_owned(), at(1, 25)));
}

// ---- errors and their positions ----

#[test]
fn unclosed_fields_point_at_their_opening() {
    assert_eq!(
        error("Hi {{name"),
        TemplateError::UnclosedField {
            position: at(1, 4),
            excerpt: "{{name".into(),
            until: UnclosedAt::EndOfText,
        }
    );
    assert_eq!(
        error("Bonjour\r\n😀 é {{ name \r\n}}"),
        TemplateError::UnclosedField {
            position: at(2, 5),
            excerpt: "{{ name ".into(),
            until: UnclosedAt::EndOfLine,
        }
    );
    assert_eq!(
        error("{{a | {{b}} }}"),
        TemplateError::UnclosedField {
            position: at(1, 1),
            excerpt: "{{a | {{b}} }}".into(),
            until: UnclosedAt::NextField(at(1, 7)),
        }
    );
    let long = error(&format!("{{{{{}", "x".repeat(100)));
    let TemplateError::UnclosedField { excerpt, .. } = &long else {
        panic!("{long:?}")
    };
    assert_eq!(excerpt.chars().count(), 41);
    assert!(excerpt.ends_with('…'));
    assert_eq!(long.code(), "templates.unclosed_field");
    assert_eq!(
        error("x {{").to_string(),
        "line 1, column 3: {{ is not closed: }} is missing before the end of the text; \
         write {{name}}, or \\{{ for the text {{"
    );
}

#[test]
fn empty_names_are_refused() {
    for (source, column) in [
        ("{{}}", 1),
        ("a {{ }}", 3),
        ("éé{{ | client }}", 3),
        ("{{|}}", 1),
    ] {
        let found = error(source);
        assert_eq!(found.code(), "templates.empty_name", "{source}");
        let TemplateError::EmptyName { position, .. } = found else {
            panic!()
        };
        assert_eq!(position, at(1, column), "{source}");
    }
    assert_eq!(
        error("{{ }}").to_string(),
        "line 1, column 1: {{ }} has no field name; write {{first_name}} or {{first_name|fallback}}"
    );
}

#[test]
fn invalid_names_give_the_character_its_column_and_a_hint() {
    let cases: [(&str, Position, char, Option<&str>); 8] = [
        ("{{prénom}}", at(1, 5), 'é', Some("prenom")),
        ("😀😀\n  {{first name}}", at(2, 10), ' ', Some("first_name")),
        ("{{ e-mail | none }}", at(1, 5), '-', Some("e_mail")),
        ("{{3rd_line}}", at(1, 3), '3', None),
        ("{{ 😀 }}", at(1, 4), '😀', None),
        ("{{a.b}}", at(1, 4), '.', Some("a_b")),
        ("{{name}x}}", at(1, 7), '}', Some("name_x")),
        ("l1\nl2\n\tà {{Straße}}", at(3, 10), 'ß', Some("stra_e")),
    ];
    for (source, position, character, hint) in cases {
        let found = error(source);
        assert_eq!(found.code(), "templates.invalid_name", "{source}");
        let TemplateError::InvalidName {
            position: p,
            character: c,
            hint: h,
            ..
        } = &found
        else {
            panic!("{found:?}")
        };
        assert_eq!(
            (*p, *c, h.as_deref()),
            (position, character, hint),
            "{source}"
        );
    }
    assert_eq!(
        error("Dear {{first name}}").to_string(),
        "line 1, column 13: ' ' cannot be in a field name ({{first name}}); a field name is \
         letters a–z, digits and _, not starting with a digit, optionally followed by | and a \
         fallback; did you mean {{first_name}}?"
    );
}

#[test]
fn unknown_fields_list_the_known_ones_and_suggest_a_close_one() {
    let template = Template::parse("Bonjour {{first_name}},\n{{ frist_name }} {{zzz}}").unwrap();
    let known = ["last_name", "first_name", "email", "first_name"];
    let found = template.validate(known).unwrap_err();
    // Every unknown field is reported, not only the first.
    assert_eq!(
        found,
        TemplateError::UnknownField {
            fields: vec![
                UnknownFieldUse {
                    name: "frist_name".into(),
                    position: at(2, 1),
                    suggestion: Some("first_name".into()),
                },
                UnknownFieldUse {
                    name: "zzz".into(),
                    position: at(2, 18),
                    suggestion: None,
                },
            ],
            known: vec!["email".into(), "first_name".into(), "last_name".into()],
        }
    );
    assert_eq!(found.code(), "templates.unknown_field");
    assert_eq!(
        found.to_string(),
        "line 2, column 1: {{frist_name}} is not a known field (did you mean {{first_name}}?); \
         line 2, column 18: {{zzz}} is not a known field; \
         the known fields are email, first_name, last_name"
    );
    // Too far for a suggestion.
    let far = Template::parse("{{zzz}}")
        .unwrap()
        .validate(known)
        .unwrap_err();
    let TemplateError::UnknownField { fields, .. } = &far else {
        panic!()
    };
    assert_eq!(fields[0].suggestion, None);
    assert!(!far.to_string().contains("did you mean"));
    // A two-letter name is not "close" to every other two-letter name.
    let short = Template::parse("{{id}}")
        .unwrap()
        .validate(["ip", "city"])
        .unwrap_err();
    let TemplateError::UnknownField { fields, .. } = short else {
        panic!()
    };
    assert_eq!(fields[0].suggestion.as_deref(), Some("ip"));
    let tiny = Template::parse("{{x}}")
        .unwrap()
        .validate(["y"])
        .unwrap_err();
    let TemplateError::UnknownField { fields, .. } = tiny else {
        panic!()
    };
    assert_eq!(fields[0].suggestion, None);
    // No known fields at all; a long list is cut.
    assert!(
        Template::parse("{{a}}")
            .unwrap()
            .validate(Vec::<String>::new())
            .unwrap_err()
            .to_string()
            .ends_with("the known fields are none")
    );
    let many: Vec<String> = (0..40).map(|i| format!("field_{i:02}")).collect();
    let message = Template::parse("{{a}}")
        .unwrap()
        .validate(&many)
        .unwrap_err()
        .to_string();
    assert!(message.ends_with("field_29 and 10 more"), "{message}");
    // Every use of an unknown field, repeated ones included, in reading order; a long list is
    // cut in the message, never in the error.
    let repeated = Template::parse("{{a}} {{b}}\n{{a}} {{first_name}}")
        .unwrap()
        .validate(["first_name"])
        .unwrap_err();
    let TemplateError::UnknownField { fields, .. } = &repeated else {
        panic!()
    };
    let uses: Vec<(&str, Position)> = fields
        .iter()
        .map(|field| (field.name.as_str(), field.position))
        .collect();
    assert_eq!(uses, [("a", at(1, 1)), ("b", at(1, 7)), ("a", at(2, 1))]);
    let text: String = (0..25).map(|i| format!("{{{{u{i}}}}}")).collect();
    let error = Template::parse(&text)
        .unwrap()
        .validate(["first_name"])
        .unwrap_err();
    let TemplateError::UnknownField { fields, .. } = &error else {
        panic!()
    };
    assert_eq!(fields.len(), 25);
    let message = error.to_string();
    assert!(
        message.contains("{{u19}}") && !message.contains("{{u20}}"),
        "{message}"
    );
    assert!(
        message.contains("; and 5 more uses of unknown fields; the known fields are first_name"),
        "{message}"
    );
    // Everything known.
    template
        .validate(["first_name", "frist_name", "zzz"])
        .unwrap();
    Template::parse("no fields")
        .unwrap()
        .validate(Vec::<&str>::new())
        .unwrap();
}

// ---- rendering ----

#[test]
fn missing_or_blank_values_take_the_fallback_or_skip_the_recipient() {
    let template = Template::parse("Bonjour {{first_name|client}}, {{date}}").unwrap();
    assert_eq!(
        template.render(&map(&[("date", "demain")])).unwrap(),
        "Bonjour client, demain"
    );
    assert_eq!(
        template
            .render(&map(&[("first_name", " \t"), ("date", "demain")]))
            .unwrap(),
        "Bonjour client, demain"
    );
    assert_eq!(
        template
            .render(&map(&[("first_name", " Léa "), ("date", "demain")]))
            .unwrap(),
        "Bonjour  Léa , demain",
        "values are inserted as they are"
    );
    let skipped = template
        .render(&map(&[("first_name", "Léa"), ("date", "")]))
        .unwrap_err();
    assert_eq!(
        skipped,
        TemplateError::MissingValue {
            name: "date".into(),
            position: at(1, 32)
        }
    );
    assert_eq!(skipped.code(), "templates.missing_value");
    assert_eq!(
        skipped.to_string(),
        "line 1, column 32: {{date}} has no value for this recipient and no fallback; \
         write {{date|fallback text}} to send anyway"
    );
    let optional = Template::parse("Hi{{ name |}}!").unwrap();
    assert_eq!(optional.render(&map(&[])).unwrap(), "Hi!");
}

#[test]
fn values_are_never_read_as_template_text() {
    let template = Template::parse("{{a}}").unwrap();
    assert_eq!(
        template.render(&map(&[("a", "{{b}} \\{{")])).unwrap(),
        "{{b}} \\{{"
    );
}

#[test]
fn sources_chain_contact_first_then_task() {
    let contact = map(&[("first_name", "Léa"), ("shop", " ")]);
    let task: HashMap<String, String> = [
        ("shop".to_owned(), "Mons".to_owned()),
        ("first_name".to_owned(), "X".to_owned()),
    ]
    .into();
    let extra = map(&[("code", "42")]);
    let template = Template::parse("{{first_name}} {{shop}} {{code|none}}").unwrap();
    assert_eq!(
        template.render(&(&contact, &task)).unwrap(),
        "Léa Mons none"
    );
    assert_eq!(
        template.render(&(&contact, &task, &extra)).unwrap(),
        "Léa Mons 42"
    );
    let boxed: Box<dyn FieldSource> = Box::new(contact.clone());
    assert_eq!(boxed.field("first_name"), Some(Cow::Borrowed("Léa")));
    assert_eq!((&boxed, &task).field("shop").as_deref(), Some("Mons"));
}

#[test]
fn render_into_reuses_the_buffer_and_leaves_it_whole_on_error() {
    let template = Template::parse("Hi {{a}} {{b}}").unwrap();
    let mut buffer = String::from("kept|");
    template
        .render_into(&map(&[("a", "1"), ("b", "2")]), &mut buffer)
        .unwrap();
    assert_eq!(buffer, "kept|Hi 1 2");
    assert!(
        template
            .render_into(&map(&[("a", "1")]), &mut buffer)
            .is_err()
    );
    assert_eq!(buffer, "kept|Hi 1 2");
}

#[test]
fn the_sms_cost_is_per_recipient() {
    let template = Template::parse(
        "Bonjour {{first_name|}}, votre colis est disponible au point relais de {{shop}} jusqu'au \
         {{date}}. Code de retrait: {{code}}. Ouvert du lundi au samedi. Merci!",
    )
    .unwrap();
    let mut task = TaskFields::new();
    task.insert(
        "shop",
        TaskValue::Text {
            text: "Namur".into(),
        },
    )
    .unwrap();
    task.insert(
        "code",
        TaskValue::Text {
            text: "7F3K2".into(),
        },
    )
    .unwrap();
    task.insert(
        "date",
        TaskValue::Date {
            date: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            weekday: false,
        },
    )
    .unwrap();
    template
        .validate(["first_name", "last_name"].into_iter().chain(task.names()))
        .unwrap();
    let parts = |first_name: &str| {
        let contact = map(&[("first_name", first_name)]);
        let fields = (&contact, task.for_recipient(Language::Fr, Zone::default()));
        let rendered = template.render(&fields).unwrap();
        analyze(&rendered, &SmsOptions::default())
            .unwrap()
            .part_count()
    };
    // 141 characters without a name, 144 with "Ann": one part of 160; 172: two parts of 153.
    assert_eq!(parts(""), 1);
    assert_eq!(parts("Ann"), 1);
    assert_eq!(parts("Marie-Christine Van den Bossche"), 2);
}

// ---- dates ----

#[test]
fn dates_in_every_language() {
    let date = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
    let expected = [
        (
            Language::Fr,
            "3 mars 2026",
            "mardi 3 mars 2026",
            "3 mars 2026 à 14:30",
        ),
        (
            Language::Nl,
            "3 maart 2026",
            "dinsdag 3 maart 2026",
            "3 maart 2026 om 14:30",
        ),
        (
            Language::De,
            "3. März 2026",
            "Dienstag, 3. März 2026",
            "3. März 2026 um 14:30",
        ),
        (
            Language::En,
            "3 March 2026",
            "Tuesday 3 March 2026",
            "3 March 2026 at 14:30",
        ),
    ];
    let at_1430 = date.and_hms_opt(14, 30, 45).unwrap();
    for (language, plain, weekday, date_time) in expected {
        assert_eq!(format_date(date, language), plain);
        assert_eq!(format_date_with_weekday(date, language), weekday);
        assert_eq!(format_date_time(at_1430, language, false), date_time);
        assert_eq!(
            format_date_time(at_1430, language, true),
            date_time.replace(plain, weekday)
        );
    }
    let first = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(format_date(first, Language::Fr), "1er janvier 2027");
    assert_eq!(
        format_date_with_weekday(first, Language::Fr),
        "vendredi 1er janvier 2027"
    );
    assert_eq!(format_date(first, Language::Nl), "1 januari 2027");
    assert_eq!(format_date(first, Language::De), "1. Januar 2027");
    assert_eq!(format_date(first, Language::En), "1 January 2027");
    assert_eq!(
        format_time(NaiveTime::from_hms_opt(0, 5, 0).unwrap()),
        "00:05"
    );
    assert_eq!(
        format_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap()),
        "23:59"
    );
}

#[test]
fn month_and_weekday_names_are_pinned() {
    assert_eq!(
        MONTHS[0].join(" "),
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
    );
    assert_eq!(
        MONTHS[1].join(" "),
        "januari februari maart april mei juni juli augustus september oktober november december"
    );
    assert_eq!(
        MONTHS[2].join(" "),
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
    );
    assert_eq!(
        MONTHS[3].join(" "),
        "January February March April May June July August September October November December"
    );
    assert_eq!(
        WEEKDAYS[0].join(" "),
        "lundi mardi mercredi jeudi vendredi samedi dimanche"
    );
    assert_eq!(
        WEEKDAYS[1].join(" "),
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
    );
    assert_eq!(
        WEEKDAYS[2].join(" "),
        "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag"
    );
    assert_eq!(
        WEEKDAYS[3].join(" "),
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
    );
    for (index, language) in Language::ALL.into_iter().enumerate() {
        for month in 1..=12 {
            assert_eq!(
                month_name(month, language),
                Some(MONTHS[index][month as usize - 1])
            );
            let date = NaiveDate::from_ymd_opt(2026, month, 15).unwrap();
            assert!(format_date(date, language).contains(MONTHS[index][month as usize - 1]));
        }
        assert_eq!(month_name(0, language), None);
        assert_eq!(month_name(13, language), None);
        assert_eq!(weekday_name(Weekday::Sun, language), WEEKDAYS[index][6]);
    }
}

#[test]
fn task_date_times_are_written_in_the_recipients_language_and_zone() {
    // 30 March 2026 07:30 UTC: 09:30 in Brussels (summer time), 08:30 in London.
    let at = "2026-03-30T07:30:00Z".parse().unwrap();
    let london: Zone = "Europe/London".parse().unwrap();
    let mut task = TaskFields::new();
    task.insert(
        "webinar",
        TaskValue::DateTime {
            at,
            zone: None,
            weekday: true,
        },
    )
    .unwrap();
    task.insert(
        "visit",
        TaskValue::DateTime {
            at,
            zone: Some(Zone::default()),
            weekday: false,
        },
    )
    .unwrap();
    task.insert(
        "time",
        TaskValue::Time {
            time: NaiveTime::from_hms_opt(9, 5, 0).unwrap(),
        },
    )
    .unwrap();
    let template = Template::parse("{{webinar}} / {{visit}} / {{time}}").unwrap();
    let brussels_fr = task.for_recipient(Language::Fr, Zone::default());
    assert_eq!(
        template.render(&brussels_fr).unwrap(),
        "lundi 30 mars 2026 à 09:30 / 30 mars 2026 à 09:30 / 09:05"
    );
    let london_en = task.for_recipient(Language::En, london);
    assert_eq!(
        template.render(&london_en).unwrap(),
        "Monday 30 March 2026 at 08:30 / 30 March 2026 at 09:30 / 09:05"
    );
    let json = serde_json::to_string(&task).unwrap();
    assert_eq!(serde_json::from_str::<TaskFields>(&json).unwrap(), task);
    assert!(json.contains(r#""webinar":{"type":"date_time","at":"2026-03-30T07:30:00Z","zone":null,"weekday":true}"#), "{json}");
}

#[test]
fn task_field_names_must_be_usable() {
    let mut task = TaskFields::new();
    for bad in ["", "Date", "1st", "e-mail", "prénom", "a b"] {
        let refused = task
            .insert(bad, TaskValue::Text { text: "x".into() })
            .unwrap_err();
        assert_eq!(refused.code(), "templates.invalid_task_field", "{bad}");
    }
    assert_eq!(task.names().count(), 0);
}

// ---- serde, crate error ----

#[test]
fn a_template_is_stored_as_its_source_text() {
    let template = Template::parse("Hi {{ name | there }}").unwrap();
    let json = serde_json::to_string(&template).unwrap();
    assert_eq!(json, r#""Hi {{ name | there }}""#);
    assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), template);
    let refused = serde_json::from_str::<Template>(r#""Hi {{name""#).unwrap_err();
    assert!(refused.to_string().contains("is not closed"), "{refused}");
}

#[test]
fn template_errors_convert_to_the_crate_error() {
    let error: Error = error("{{}}").into();
    assert_eq!(error.code(), "templates.empty_name");
    assert_eq!(error.family(), "templates");
}

// ---- properties ----

fn source_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "} }}",
        "{",
        "}",
        "{{",
        "}}",
        "\\",
        "|",
        " ",
        "\n",
        "\r\n",
        "\t",
        "a",
        "B",
        "_",
        "7",
        "é",
        "😀",
        "name",
        "{{name}}",
        "{{ a | b }}",
        "\\{{",
        "x",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn display_parses_back_to_the_same_template(source in source_text()) {
        if let Ok(template) = Template::parse(&source) {
            let canonical = template.to_string();
            let again = Template::parse(&canonical).unwrap();
            prop_assert_eq!(&again, &template, "{:?} → {:?}", source, canonical);
            prop_assert_eq!(again.to_string(), canonical);
            prop_assert_eq!(again.fields(), template.fields());
        }
    }

    #[test]
    fn rendering_never_panics_and_errors_name_a_field(
        source in source_text(),
        values in prop::collection::btree_map("[a-z_]{1,4}", ".{0,6}", 0..6),
    ) {
        if let Ok(template) = Template::parse(&source) {
            match template.render(&values) {
                Ok(_) => {}
                Err(TemplateError::MissingValue { name, .. }) => {
                    prop_assert!(template.fields().contains(&name));
                }
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }

    #[test]
    fn text_without_double_braces_renders_to_itself(source in ".{0,40}") {
        prop_assume!(!source.contains("{{"));
        let template = Template::parse(&source).unwrap();
        prop_assert!(template.fields().is_empty());
        prop_assert_eq!(template.render(&BTreeMap::new()).unwrap(), source);
    }

    #[test]
    fn parsing_any_text_never_panics_and_errors_have_templates_codes(source in "\\PC{0,60}") {
        if let Err(error) = Template::parse(&source) {
            prop_assert!(error.code().starts_with("templates."));
            prop_assert!(!error.to_string().is_empty());
        }
    }
}
