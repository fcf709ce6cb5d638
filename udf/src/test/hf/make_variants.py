"""Tiny transformers checkpoints with one config switch on, and their float64 reference log-probs.

Each VARIANT below is a random causal LM made by transformers' own config and model classes
(hidden 32, 2 layers, 4 heads, vocab 512; the tokenizer files of the matching
/work/shared/reference/families/ARCH folder), every weight redrawn from N(0, 0.1) (norm gains
1 + N(0, 0.1); Gemma's (1 + w) gains w ~ N(0, 0.1)) with seed 11, saved by save_pretrained in
bfloat16. The reference is computed from the folder as saved (read back by from_pretrained, so it
sees exactly what xent reads), in float64 with eager attention, under lm-evaluation-harness
loglikelihood_rolling windows of W = 128 (batch 1, no padding), on
/work/shared/reference/families/text.txt. VARIANT.json has the format of the shared ARCH.json.

Some variants rewrite config.json afterwards in the transformers 4 layout (top-level rope_theta
and rope_scaling with "type"), as published Qwen2.5 and Phi-3.5 configs are; the script checks
that transformers reads the rewritten file to the same rope parameters.

Rerun (about a minute, no network):
    /work/hfvenv/bin/python udf/src/test/hf/make_variants.py [VARIANT ...]
from the repository root; outputs go to udf/src/test/resources/hf-reference/.
"""
import json
import math
import shutil
import sys
from pathlib import Path

import torch
import transformers
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

SHARED = Path("/work/shared/reference/families")
OUT = Path(__file__).resolve().parents[1] / "resources" / "hf-reference"
W = 128
SEED = 11
STD = 0.1

TINY = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, vocab_size=512)
GPT2_TINY = dict(n_embd=32, n_layer=2, n_head=4, vocab_size=512)

# Phi-3.5-mini's factors are 48 per head of 96; these tiny heads of 8 rotate 4 pairs.
LONG = [1.08, 4.79, 24.46, 57.93]
SHORT = [1.0, 1.05, 1.29, 2.03]

# name: (shared tokenizer folder, config overrides, transformers 4 rewrite of config.json or None)
VARIANTS = {
    # rope scaling -------------------------------------------------------------------------------
    "llama_yarn": ("llama", dict(  # DeepSeek-style: mscale / mscale_all_dim, betas, no truncation
        num_key_value_heads=2, max_position_embeddings=256,
        rope_parameters=dict(rope_type="yarn", rope_theta=10000.0, factor=4.0,
                             original_max_position_embeddings=64, beta_fast=16, beta_slow=2,
                             mscale=1.0, mscale_all_dim=0.5, truncate=False)), None),
    "qwen2_yarn": ("qwen2", dict(  # Qwen2.5-style: factor 4, written in the transformers 4 layout
        num_key_value_heads=2, max_position_embeddings=256, use_sliding_window=False,
        rope_parameters=dict(rope_type="yarn", rope_theta=1000000.0, factor=4.0,
                             original_max_position_embeddings=64)),
        dict(rope_theta=1000000.0,
             rope_scaling=dict(type="yarn", factor=4.0, original_max_position_embeddings=64))),
    "llama_longrope": ("llama", dict(  # window 128 > original 64: long factors
        num_key_value_heads=2, max_position_embeddings=256, original_max_position_embeddings=64,
        rope_parameters=dict(rope_type="longrope", rope_theta=10000.0, long_factor=LONG,
                             short_factor=SHORT, original_max_position_embeddings=64)), None),
    "llama_longrope_short": ("llama", dict(  # window 128 = original 128: short factors
        num_key_value_heads=2, max_position_embeddings=512,
        rope_parameters=dict(rope_type="longrope", rope_theta=10000.0, long_factor=LONG,
                             short_factor=SHORT, original_max_position_embeddings=128,
                             attention_factor=1.25)), None),
    "phi3_longrope": ("phi3", dict(  # Phi-3.5-style: top-level original, transformers 4 layout
        num_key_value_heads=4, max_position_embeddings=256, original_max_position_embeddings=64,
        rope_parameters=dict(rope_type="longrope", rope_theta=10000.0, long_factor=LONG,
                             short_factor=SHORT, original_max_position_embeddings=64)),
        dict(rope_theta=10000.0,
             rope_scaling=dict(type="longrope", long_factor=LONG, short_factor=SHORT))),
    "llama_dynamic": ("llama", dict(  # window 128 = max_position_embeddings: HF does not rescale
        num_key_value_heads=2, max_position_embeddings=128,
        rope_parameters=dict(rope_type="dynamic", rope_theta=10000.0, factor=4.0)), None),
    # switches implemented before this script, verified by it ------------------------------------
    "stablelm_parallel_residual": ("stablelm", dict(
        num_key_value_heads=4, max_position_embeddings=512, use_parallel_residual=True,
        use_qkv_bias=True, partial_rotary_factor=0.5,
        rope_parameters=dict(rope_type="default", rope_theta=10000.0,
                             partial_rotary_factor=0.5)), None),
    "stablelm_qk_layernorm": ("stablelm", dict(
        num_key_value_heads=2, max_position_embeddings=512, qk_layernorm=True,
        partial_rotary_factor=0.5,
        rope_parameters=dict(rope_type="default", rope_theta=10000.0,
                             partial_rotary_factor=0.5)), None),
    "olmo_clip_qkv": ("olmo", dict(
        num_key_value_heads=4, max_position_embeddings=512, clip_qkv=0.3), None),
    "gemma2_layer_types": ("gemma2", dict(  # the reverse of the default order, window 48
        num_key_value_heads=2, head_dim=8, intermediate_size=64, max_position_embeddings=512,
        query_pre_attn_scalar=8, sliding_window=48,
        layer_types=["full_attention", "sliding_attention"]), None),
    "gpt2_inverse_layer_idx": ("gpt2", dict(
        n_positions=256, scale_attn_by_inverse_layer_idx=True), None),
    "gpt2_reorder_upcast": ("gpt2", dict(
        n_positions=256, scale_attn_by_inverse_layer_idx=True, reorder_and_upcast_attn=True), None),
    "llama_attention_bias": ("llama", dict(
        num_key_value_heads=2, max_position_embeddings=512, attention_bias=True), None),
    "llama_mlp_bias": ("llama", dict(
        num_key_value_heads=2, max_position_embeddings=512, mlp_bias=True), None),
}

INTERMEDIATE = 88


def rolling_windows(n, prefix_id, tokens):
    """lm-eval's get_rolling_token_windows(context_len=1) + make_disjoint_window, as (input, n_pred)."""
    out = []
    pred = 0
    first = min(W, n)
    out.append(([prefix_id] + tokens[: first - 1], first))
    pred = first
    while pred < n:
        m = min(n - pred, W)
        end = pred + m
        out.append((tokens[end - W - 1: end - 1], m))
        pred = end
    return out


def base_config(arch, overrides):
    shared = json.loads((SHARED / arch / "config.json").read_text())
    keep = {k: shared[k] for k in ("bos_token_id", "eos_token_id", "pad_token_id") if k in shared}
    size = dict(GPT2_TINY) if arch == "gpt2" else dict(TINY, intermediate_size=INTERMEDIATE)
    kwargs = {**keep, **size, **overrides}
    return AutoConfig.for_model(arch, **kwargs)


def redraw(model, arch):
    gen = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=torch.float64) * STD
            is_norm = p.dim() == 1 and ("norm" in name or ".ln_" in name or name.startswith("ln_")
                                        or "layernorm" in name) and not name.endswith(".bias")
            if is_norm and arch != "gemma2":
                noise += 1.0
            p.copy_(noise.to(p.dtype))


def rewrite_v4(folder, v4):
    path = folder / "config.json"
    config = json.loads(path.read_text())
    before = AutoConfig.from_pretrained(folder).rope_parameters
    config.pop("rope_parameters")
    config.update(v4)
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    after = AutoConfig.from_pretrained(folder).rope_parameters
    assert {k: v for k, v in after.items() if k != "type"} == before, (before, after)


# What the switch-off comparison sets, for variants whose weights fit both settings.
OFF = {
    "llama_yarn": dict(rope_parameters=dict(rope_type="default", rope_theta=10000.0)),
    "qwen2_yarn": dict(rope_parameters=dict(rope_type="default", rope_theta=1000000.0)),
    "llama_longrope": dict(rope_parameters=dict(rope_type="default", rope_theta=10000.0)),
    "llama_longrope_short": dict(rope_parameters=dict(rope_type="default", rope_theta=10000.0)),
    "phi3_longrope": dict(rope_parameters=dict(rope_type="default", rope_theta=10000.0)),
    "llama_dynamic": dict(rope_parameters=dict(rope_type="default", rope_theta=10000.0)),
    "olmo_clip_qkv": dict(clip_qkv=None),
    "gemma2_layer_types": dict(layer_types=["sliding_attention", "full_attention"]),
    "gpt2_inverse_layer_idx": dict(scale_attn_by_inverse_layer_idx=False),
}

# GPT-2's reorder_and_upcast_attn insists on float32 attention weights, so it cannot run in
# float64. It only reorders the scaling and upcasts: in exact arithmetic the switch is the
# identity. Its reference is the float64 run with the switch off, after checking that the float32
# run with it on agrees with that within FLOAT32_AGREEMENT per token.
FLOAT64_WITHOUT = {"gpt2_reorder_upcast": dict(reorder_and_upcast_attn=False)}
FLOAT32_AGREEMENT = 1e-4


def reference(folder, arch, model_type, config_overrides=None, dtype=torch.float64):
    tokenizer = AutoTokenizer.from_pretrained(folder)
    text = (SHARED / "text.txt").read_text(encoding="utf-8")
    tokens = tokenizer.encode(text, add_special_tokens=False)
    prefix = tokenizer.bos_token_id if tokenizer.bos_token_id is not None else tokenizer.eos_token_id
    config = AutoConfig.from_pretrained(folder)
    for key, value in (config_overrides or {}).items():
        setattr(config, key, value)
    model = AutoModelForCausalLM.from_pretrained(folder, config=config, dtype=dtype,
                                                 attn_implementation="eager").eval()
    logprobs = []
    windows = rolling_windows(len(tokens), prefix, tokens)
    with torch.no_grad():
        for inputs, n_pred in windows:
            logits = model(torch.tensor([inputs])).logits[0].to(torch.float64)
            lp = torch.log_softmax(logits, dim=-1)
            targets = (inputs + [None])[1:]
            start = len(inputs) - n_pred
            for i in range(start, len(inputs)):
                target = tokens[len(logprobs)]
                logprobs.append(lp[i, target].item())
    assert len(logprobs) == len(tokens)
    return dict(model_type=model_type, model_class=type(model).__name__,
                transformers=transformers.__version__, torch=torch.__version__,
                dtype=str(dtype).removeprefix("torch."),
                attn="eager", windows="lmeval", config_overrides=config_overrides or {}, max_length=W, prefix_id=prefix,
                n_tokens=len(tokens), n_windows=len(windows), sum_logprob=math.fsum(logprobs),
                token_ids=tokens, token_logprobs=logprobs,
                n_bytes=len(text.encode("utf-8")))


def make(name):
    arch, overrides, v4 = VARIANTS[name]
    folder = OUT / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    config = base_config(arch, overrides)
    torch.manual_seed(SEED)
    model = AutoModelForCausalLM.from_config(config)
    redraw(model, arch)
    model.to(torch.bfloat16).save_pretrained(folder)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(SHARED / arch / f, folder / f)
    (folder / "generation_config.json").unlink(missing_ok=True)
    if v4 is not None:
        rewrite_v4(folder, v4)
    result = reference(folder, arch, config.model_type, FLOAT64_WITHOUT.get(name))
    if name in FLOAT64_WITHOUT:
        on32 = reference(folder, arch, config.model_type, dtype=torch.float32)["token_logprobs"]
        diff = max(abs(a - b) for a, b in zip(on32, result["token_logprobs"]))
        assert diff < FLOAT32_AGREEMENT, diff
        print(f"  float32 with the switch on vs float64 without: largest per-token difference "
              f"{diff:.3e}")
    (OUT / (name + ".json")).write_text(json.dumps(result) + "\n")
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"{name}: {result['n_tokens']} tokens, sum {result['sum_logprob']:.6f}, {size} bytes")
    if name in OFF:  # evidence that the switch changes the numbers a test compares
        off = reference(folder, arch, config.model_type, OFF[name])["token_logprobs"]
        diff = max(abs(a - b) for a, b in zip(off, result["token_logprobs"]))
        print(f"  switched off: sum {math.fsum(off):.6f}, largest per-token change {diff:.3e}")


if __name__ == "__main__":
    for name in sys.argv[1:] or VARIANTS:
        make(name)
