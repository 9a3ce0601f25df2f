from incidents.extraction.text import fold, sentences


def test_fold_keeps_length_and_strips_accents_and_quotes():
    text = "Ménaka — l’armée « FAMa » à Tillabéri"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == 'menaka - l\'armee " fama " a tillaberi'


def test_sentences_split_on_punctuation_and_paragraphs_but_not_abbreviations():
    text = "Gen. Diarra said 10 died. Then it rose.\nNew paragraph here"
    spans = [text[s.start : s.end] for s in sentences(text)]
    assert spans == ["Gen. Diarra said 10 died.", "Then it rose.", "New paragraph here"]
    assert [s.paragraph for s in sentences(text)] == [0, 0, 1]
