#!/bin/sh
# gen.sh MB: a press-release-like corpus of about MB megabytes on stdout,
# for the benchmarks (never committed): meetings-coverage sentences with
# symbols, vote figures, lists, typographic quotes and dashes, NBSP, soft
# hyphens, French accents and Russian text, in paragraphs.  Deterministic.
awk -v mb="${1:-10}" 'BEGIN {
    srand(42)
    n = 0
    s[n++] = "The General Assembly adopted resolution A/RES/%d/%d “Developments in the field of information and telecommunications in the context of international security” by a recorded vote of %d in favour to %d against, with %d abstentions."
    s[n++] = "The First Committee approved draft A/C.1/%d/L.%d/Rev.1 – as orally revised – by %d votes to %d, with %d abstentions (GA/DIS/%d)."
    s[n++] = "By the terms of that text, the Assembly would call upon Member States to observe, inter alia, the following principles:"
    s[n++] = "  • using ICT for peaceful purposes only;\n  • observing the principle of State sovereignty;\n  • cooperation against the criminal use of ICT."
    s[n++] = "L’Assemblée générale a adopté la résolution %d/%d par %d voix pour, %d voix contre et %d abstentions, après un débat d’une journée."
    s[n++] = "Генеральная Ассамблея приняла резолюцию %d/%d: «за» проголосовали %d государств, «против» — %d, воздержались %d."
    s[n++] = "The Security Council, recalling resolution 2%03d (2019), decided to extend the mandate until 31 December; the vote was %d\302\240in favour, %d against and %d abstentions."
    s[n++] = "La Asamblea aprobó la resolución %d/%d por %d votos a favor, %d en contra y %d abstenciones, sin cambios de fondo."
    target = mb * 1000000; out = 0
    while (out < target) {
        para = ""
        k = 2 + int(rand() * 4)
        for (i = 0; i < k; i++) {
            t = s[int(rand() * n)]
            line = sprintf(t, 50 + int(rand() * 30), 1 + int(rand() * 300),
                           80 + int(rand() * 100), int(rand() * 50),
                           int(rand() * 40), 3000 + int(rand() * 999))
            para = para (i ? " " : "") line
        }
        print para "\n"
        out += length(para) + 2
    }
}'
