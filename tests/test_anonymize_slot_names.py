"""Names read by what stands beside them rather than by the surname list (issue #19): Dai names
(no surname: 岩/玉/依/咪/艾 before the personal name, 波/咪 before a child's name for its parent)
after a cue, a name the text gives whole elsewhere where a tagger cut it or glued it to the next
word, a dash signature, and line labels in the slot where the text's other names stand."""
import pytest

from anonymize import Deidentifier


def scrub(text):
    return Deidentifier("slot-names-key").text(text)


@pytest.mark.parametrize("text, name", [
    ("承包人岩叫罕，男，傣族，在曼回寨种了二十亩甘蔗。", "岩叫罕"),
    ("我堂弟岩洪，新号码你们直接打给他。", "岩洪"),
    ("被申请人玉喃香，女，住寨子东头。", "玉喃香"),
    ("她的老伴波岩坦已于去年过世。", "波岩坦"),
    ("申请人：咪保，傣族，七十六岁。", "咪保"),
])
def test_dai_names_after_a_cue(text, name):
    out = scrub(text)
    assert name not in out
    assert name[1:] not in out  # never a partial name


@pytest.mark.parametrize("text", [
    "村民种的玉米今年减产三成。",
    "工人在岩层里打了两个钻孔。",
    "依法依规办理，群众满意。",
])
def test_dai_prefixes_in_words_stay(text):
    assert scrub(text) == text


def test_a_name_given_whole_is_that_name_where_a_reading_cut_it():
    out = scrub("申请人：俄底阿支，女，彝族。\n申请人俄底阿支与被申请人供销社合同纠纷一案，已受理。")
    assert "俄底阿支" not in out and "阿支" not in out


def test_a_name_found_once_ends_before_a_word_glued_to_it():
    out = scrub("村民董成向村委会反映，董成立即拿出了收条。")
    assert "董成" not in out
    assert "立即" in out


def test_a_dash_signature_ends_a_message():
    out = scrub("钱收到了，谢谢你们帮忙。——岩坦")
    assert "岩坦" not in out


def test_a_table_split_by_dashes_is_no_signature():
    text = "序号——姓名——金额——备注\n1——杜文亮——150——已缴"
    assert "已缴" in scrub(text)


def test_line_labels_where_the_other_names_stand():
    text = ("【寨子互助群】\n刘国富：周六集中修水渠\n陈桂芝：收到\n岩坦：我去不了，让我弟去\n"
            "何秀兰：好的")
    out = scrub(text)
    assert "岩坦" not in out


def test_a_bodys_call_name_label_is_no_name():
    text = "刘国富：几点开会\n陈桂芝：下午三点\n物业小韩：会议室已经打开了"
    assert "物业" in scrub(text)


def test_a_surname_and_a_kinship_label_is_no_name():
    text = "刘国富：几点开会\n陈桂芝：下午三点\n蓝家阿婶：我晚点到"
    assert "蓝家阿婶" in scrub(text)


@pytest.mark.parametrize("text, given", [
    ("村民蓝秀凤反映屋顶漏水。秀凤说去年就报过。", "秀凤"),
    ("【互助群】\n曾繁顺：围屋补助到了\n阿婆：繁顺，发票交了没", "繁顺"),
])
def test_a_found_person_called_by_the_given_name_alone(text, given):
    out = scrub(text)
    assert given not in out


@pytest.mark.parametrize("text, word", [
    ("居民于海洋来电反映渔船补贴。海洋渔业局已受理。", "海洋渔业局"),
    ("经办人雷建国。建国路改造完成。", "建国路"),
])
def test_a_given_name_that_is_a_word_or_a_place_head_stays(text, word):
    assert word in scrub(text)
